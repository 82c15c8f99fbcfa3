package io.opsledger.gateway.barman;

import java.nio.file.Path;

/**
 * One Barman installation's worth of state: a folder holding {@code barman.conf}, the server
 * configurations ({@code conf.d}), the passfiles ({@code secrets}) and Barman's home (the backups
 * and WAL), all owned by the Barman user.
 */
public record BarmanSite(Path root) {

    public Path configFile() { return root.resolve("barman.conf"); }

    public Path serversDirectory() { return root.resolve("conf.d"); }

    public Path secretsDirectory() { return root.resolve("secrets"); }

    public Path home() { return root.resolve("home"); }

    public Path log() { return root.resolve("barman.log"); }
}
