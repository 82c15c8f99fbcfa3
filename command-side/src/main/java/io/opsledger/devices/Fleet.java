package io.opsledger.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.SecretCipher;
import io.opsledger.devices.api.DevicesMessages;
import io.opsledger.devices.api.DevicesMessages.*;
import io.opsledger.devices.api.DevicesQueries.*;
import io.opsledger.devices.crypto.RsaPem;
import io.opsledger.devices.crypto.SafeEnvelope;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.platform.IdSequences;
import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devices context as migasfree clients use it: projects registered (with their key pair) by a
 * user, computers found or registered, the safe envelope opened and sealed with the server's and
 * the project's keys, and each sync step sent as a command on the computer.
 */
@Component
public class Fleet {

    /** A hardware capture is due when there is none or the last is older than this. */
    public static final Duration HARDWARE_CAPTURE_EVERY = Duration.ofDays(30);

    private final Commands commands;
    private final Queries queries;
    private final IdSequences ids;
    private final SecretCipher cipher;
    private final DevicesKeys keys;

    public record ProjectKeys(String serverPublicPem, String projectPrivatePem) {}

    /** What a safe request said, and which project said it. */
    public record Opened(ProjectView project, JsonNode data) {}

    public record Registration(ComputerView computer, boolean created) {}

    public Fleet(Commands commands, Queries queries, IdSequences ids, SecretCipher cipher, DevicesKeys keys) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.cipher = cipher;
        this.keys = keys;
    }

    public DevicesKeys keys() { return keys; }

    // ---- projects

    /** The project (and its platform) registered when missing, and the keys its computers need. */
    public ProjectKeys registerProject(Actor actor, UserView by, String name, String pms, String platform, String architecture) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid("project", "This field may not be blank.");
        }
        if (!DevicesMessages.PMS.contains(pms)) {
            throw RuleViolation.invalid("pms", "\"" + pms + "\" is not a valid choice.");
        }
        ProjectView project = project(name);
        if (project == null) {
            String platformName = platform == null || platform.isBlank() ? "unknown" : platform;
            PlatformView p = queries.one(new FindPlatformByName(platformName), PlatformView.class);
            long platformNumber = p != null ? p.number()
                    : commands.<Long>send(new RegisterPlatform(DevicesMessages.platformId(platformName),
                    ids.next("devices.platform"), platformName), actor);
            RsaPem.Pair pair = RsaPem.generate();
            commands.send(new RegisterProject(DevicesMessages.projectId(name), ids.next("devices.project"), name, slug(name), pms,
                    architecture == null ? "" : architecture, DevicesMessages.platformId(platformName), platformNumber,
                    platformName, pair.publicPem(), cipher.encrypt(pair.privatePem())), actor);
            project = project(name); // the winner's keys if another registration raced this one
        }
        return new ProjectKeys(keys.server().publicPem(), cipher.decrypt(project.privateKeyPem()));
    }

    public ProjectView project(String name) {
        return name == null ? null : queries.one(new FindProjectByName(name), ProjectView.class);
    }

    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\s-]", "").trim().replaceAll("[\\s-]+", "-");
    }

    // ---- the envelope

    /** The data of a safe request of project {@code projectName}; 404 for an unknown project, "Invalid ..." for a bad envelope. */
    public Opened open(String projectName, String msg) {
        ProjectView project = project(projectName);
        if (project == null) {
            throw RuleViolation.notFound("Project not found.");
        }
        if (msg == null) {
            throw new SafeEnvelope.Refused(SafeEnvelope.INVALID_DATA);
        }
        DevicesKeys.Server server = keys.server();
        return new Opened(project, SafeEnvelope.unwrap(msg, server.privateKey(), RsaPem.publicKey(project.publicKeyPem())));
    }

    /** {@code answer} signed by the server and encrypted to {@code project}. */
    public String seal(ProjectView project, JsonNode answer) {
        DevicesKeys.Server server = keys.server();
        return SafeEnvelope.wrap(answer, server.privateKey(), server.publicKey(), RsaPem.publicKey(project.publicKeyPem()));
    }

    // ---- computers

    public ComputerView find(String uuid, String name) {
        return queries.one(new FindComputer(uuid, name), ComputerView.class);
    }

    /** The computer whose id a safe request names: 404 unknown, 403 another project's or unsubscribed. */
    public ComputerView computer(ProjectView project, JsonNode id) {
        if (id == null || !id.canConvertToLong()) {
            throw RuleViolation.invalid("id", "A valid integer is required.");
        }
        return inProject(project, queries.one(new FindComputerByNumber(id.asLong()), ComputerView.class));
    }

    public ComputerView inProject(ProjectView project, ComputerView computer) {
        if (computer == null) {
            throw RuleViolation.notFound("Computer not found.");
        }
        if (!computer.projectId().equals(project.id()) || "unsubscribed".equals(computer.status())) {
            throw RuleViolation.forbidden("Computer not allowed in this project.");
        }
        return computer;
    }

    /** Found (by uuid, swapped uuid, MAC, name) or registered in {@code project} by {@code by}. */
    public Registration register(Actor actor, ProjectView project, UserView by, String uuid, String name, String ipAddress) {
        if (uuid == null || uuid.isBlank()) {
            throw RuleViolation.invalid("uuid", "This field is required.");
        }
        ComputerView known = find(uuid, name);
        if (known != null) {
            return new Registration(inProject(project, known), false);
        }
        long number = ids.next("devices.computer");
        try {
            commands.send(new RegisterComputer(DevicesMessages.computerId(number), number, project.id(), project.number(), uuid,
                    name, ipAddress, by.username()), actor);
        } catch (RuleViolation raced) {
            if (raced.kind() == RuleViolation.Kind.CONFLICT && find(uuid, name) != null) {
                return new Registration(inProject(project, find(uuid, name)), false);
            }
            throw raced;
        }
        return new Registration(queries.one(new FindComputerByNumber(number), ComputerView.class), true);
    }

    public void reportAttributes(Actor actor, ComputerView c, String uuid, String name, String fqdn, String ip, String syncUser,
                                 String syncFullname, Map<String, String> attributes) {
        commands.send(new ReportAttributes(c.id(), uuid, name, fqdn, ip, syncUser, syncFullname, attributes), actor);
    }

    public void reportSoftware(Actor actor, ComputerView c, List<String> inventory, String historyJson) {
        commands.send(new ReportSoftwareInventory(c.id(), inventory, historyJson), actor);
    }

    public void captureHardware(Actor actor, ComputerView c, String lshwJson) {
        commands.send(new CaptureHardware(c.id(), lshwJson), actor);
    }

    public void reportFaults(Actor actor, ComputerView c, Map<String, String> faults) {
        if (!faults.isEmpty()) {
            commands.send(new ReportFaults(c.id(), faults), actor);
        }
    }

    public void reportError(Actor actor, ComputerView c, String description) {
        commands.send(new ReportError(c.id(), description), actor);
    }

    public void completeSynchronization(Actor actor, ComputerView c, String startDate, String consumer, boolean pmsStatusOk) {
        commands.send(new CompleteSynchronization(c.id(), startDate, consumer, pmsStatusOk), actor);
    }

    public boolean hardwareCaptureDue(ComputerView c) {
        return c.hardwareCapturedAt() == null || c.hardwareCapturedAt().isBefore(Instant.now().minus(HARDWARE_CAPTURE_EVERY));
    }
}
