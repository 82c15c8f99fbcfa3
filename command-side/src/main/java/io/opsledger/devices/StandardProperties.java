package io.opsledger.devices;

import java.util.List;

/**
 * The properties every project starts with (migasfree's standard set): code the client runs on
 * each sync to evaluate the computer's attributes. Written for OpsLedger; each prints one line.
 */
public final class StandardProperties {
    private StandardProperties() {}

    public record Property(String prefix, String name, String language, String code) {}

    /** The standard properties for computer {@code computerNumber} (CID is the computer's own id). */
    public static List<Property> forComputer(long computerNumber) {
        return List.of(
                new Property("SET", "ATTRIBUTE SET", "bash", "echo 'ALL SYSTEMS'"),
                new Property("CID", "COMPUTER ID", "bash", "echo " + computerNumber),
                new Property("PLT", "PLATFORM", "python", "import platform\nprint(platform.system())"),
                new Property("IP", "IP ADDRESS", "python", """
                        import socket
                        address = ''
                        try:
                            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                            s.connect(('192.0.2.1', 9))  # no packet is sent: this only picks the outgoing interface
                            address = s.getsockname()[0]
                            s.close()
                        except OSError:
                            pass
                        print(address or '127.0.0.1')
                        """),
                new Property("NET", "NETWORK", "bash", """
                        net=$(ip -o -f inet addr show scope global 2>/dev/null | awk '{print $4; exit}')
                        if [ -n "$net" ]; then
                          python3 -c "import ipaddress, sys; print(ipaddress.ip_interface(sys.argv[1]).network)" "$net"
                        else
                          echo '127.0.0.0/8'
                        fi
                        """),
                new Property("HST", "HOSTNAME", "bash", "hostname"),
                new Property("USR", "USER", "python", """
                        import os
                        print(os.environ.get('SUDO_USER') or os.environ.get('USER') or os.environ.get('LOGNAME') or 'root')
                        """));
    }
}
