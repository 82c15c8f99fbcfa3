package io.opsledger.drift.tfstate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource address as {@code terraform state} commands take it: {@code [module.m.]...[data.]type.name}.
 * Instance keys ({@code [0]}) are not accepted: edits here work on whole resources.
 */
public record ResourceAddress(String module, String mode, String type, String name) {

    private static final String IDENT = "[A-Za-z_][A-Za-z0-9_-]*";
    private static final Pattern ADDRESS = Pattern.compile(
            "^((?:module\\." + IDENT + "\\.)*)(data\\.)?(" + IDENT + ")\\.(" + IDENT + ")$");

    /** The address, or an {@link IllegalArgumentException} saying what is wrong with it. */
    public static ResourceAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("A resource address is required.");
        }
        Matcher m = ADDRESS.matcher(address.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + address + "\" is not a resource address (expected type.name,"
                    + " optionally prefixed with module.<name>. or data.).");
        }
        String module = m.group(1).isEmpty() ? null : m.group(1).substring(0, m.group(1).length() - 1);
        return new ResourceAddress(module, m.group(2) == null ? StateResource.MANAGED : StateResource.DATA,
                m.group(3), m.group(4));
    }

    public boolean matches(StateResource resource) {
        return java.util.Objects.equals(module, emptyToNull(resource.module())) && mode.equals(resource.mode())
                && type.equals(resource.type()) && name.equals(resource.name());
    }

    @Override
    public String toString() {
        String local = (StateResource.DATA.equals(mode) ? "data." : "") + type + "." + name;
        return module == null ? local : module + "." + local;
    }

    private static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
