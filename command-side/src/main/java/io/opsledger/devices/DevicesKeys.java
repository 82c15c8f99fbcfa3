package io.opsledger.devices;

import io.opsledger.devices.crypto.RepositoryKey;
import io.opsledger.devices.crypto.RsaPem;
import io.opsledger.devices.crypto.SafeEnvelope;
import io.opsledger.platform.DataFolder;
import org.springframework.stereotype.Component;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The server's own keys for migasfree clients, made on first use under the data folder's keys/:
 * the RSA-2048 pair that signs answers and opens requests (migasfree-server.pem, PKCS#8; its
 * public half is what every project's computers get as migasfree-server.pub) and the OpenPGP key
 * of the repositories (migasfree-repositories.asc).
 */
@Component
public class DevicesKeys {

    private final DataFolder data;
    private volatile Server server;
    private volatile String repositoriesPublicKey;

    public record Server(RSAPrivateKey privateKey, RSAPublicKey publicKey, String publicPem, String kid) {}

    public DevicesKeys(DataFolder data) {
        this.data = data;
    }

    public Server server() {
        Server s = server;
        if (s == null) {
            synchronized (this) {
                if (server == null) {
                    String privatePem = data.keyFile("migasfree-server.pem", () -> RsaPem.generate().privatePem());
                    String publicPem = RsaPem.publicPemOf(privatePem);
                    RSAPublicKey pub = RsaPem.publicKey(publicPem);
                    server = new Server(RsaPem.privateKey(privatePem), pub, publicPem, SafeEnvelope.thumbprint(pub));
                }
                s = server;
            }
        }
        return s;
    }

    /** The ASCII-armored OpenPGP public key that signs repository metadata. */
    public String repositoriesPublicKey() {
        String key = repositoriesPublicKey;
        if (key == null) {
            synchronized (this) {
                if (repositoriesPublicKey == null) {
                    repositoriesPublicKey = RepositoryKey.publicKey(data.keyFile("migasfree-repositories.asc",
                            () -> RepositoryKey.generate("OpsLedger migasfree repositories")));
                }
                key = repositoriesPublicKey;
            }
        }
        return key;
    }
}
