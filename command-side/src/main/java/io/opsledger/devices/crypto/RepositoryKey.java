package io.opsledger.devices.crypto;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.util.Date;

/**
 * The OpenPGP key that signs the repository metadata migasfree clients read (RSA-3072, sign and
 * certify), made with BouncyCastle: its secret key ring and public key, both ASCII-armored.
 */
public final class RepositoryKey {
    private RepositoryKey() {}

    public static final String PUBLIC_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final Provider BC = new BouncyCastleProvider();

    /** The armored secret key ring followed by the armored public key (what {@link #publicKey} reads back). */
    public static String generate(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair rsa = generator.generateKeyPair();
            Date now = new Date();
            PGPKeyPair pair = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, rsa, now);
            PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build()
                    .get(HashAlgorithmTags.SHA1);
            PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
            flags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1,
                    flags.generate(), null,
                    new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC),
                    null); // kept unencrypted in the owner-only keys folder, like the other server keys
            return armor(out -> rings.generateSecretKeyRing().encode(out)) + armor(out -> rings.generatePublicKeyRing().encode(out));
        } catch (GeneralSecurityException | PGPException | IOException e) {
            throw new IllegalStateException("cannot generate the repositories' OpenPGP key", e);
        }
    }

    /** The armored public key of what {@link #generate} made. */
    public static String publicKey(String generated) {
        int at = generated.indexOf(PUBLIC_BEGIN);
        if (at < 0) {
            throw new IllegalStateException("the repositories' key file holds no public key block");
        }
        return generated.substring(at);
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static String armor(Encoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(armored);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
