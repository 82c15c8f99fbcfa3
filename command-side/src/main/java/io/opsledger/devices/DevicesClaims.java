package io.opsledger.devices;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.devices.api.DevicesMessages.RegisterComputer;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** A hardware uuid belongs to one computer: two racing registrations of one machine make one computer. */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class DevicesClaims implements ClaimRules {

    public static final String UUID_SCOPE = "devices.computer_uuid";

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof RegisterComputer register && register.uuid() != null) {
            return List.of(new Claim(UUID_SCOPE, register.uuid().toUpperCase(Locale.ROOT), register.id(),
                    RuleViolation.conflict("uuid", "A computer with this uuid is registered already.")));
        }
        return List.of();
    }
}
