package io.snakepit.node.security;

import io.grpc.util.CertificateUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The TLS material read from a node's {@link TlsFiles}, checked before it is served: a chain that
 * starts with the certificate of the private key, and a trust bundle with at least one CA.
 */
record TlsIdentity(PrivateKey key, X509Certificate[] chain, X509Certificate[] trusted) {

  /**
   * Reads and checks the files.
   *
   * @throws TlsFilesException naming the file and what is wrong with it
   */
  static TlsIdentity read(TlsFiles files) {
    X509Certificate[] chain = certificates(files.certificateChain(), "certificate chain");
    X509Certificate[] trusted = certificates(files.trustBundle(), "trust bundle");
    PrivateKey key = privateKey(files.privateKey());
    requireMatch(key, chain[0], files);
    return new TlsIdentity(key, chain, trusted);
  }

  /** When this node's own certificate stops being valid. */
  Instant expiresAt() {
    return chain[0].getNotAfter().toInstant();
  }

  /** The subject of this node's own certificate, for log lines. */
  String subject() {
    return chain[0].getSubjectX500Principal().getName();
  }

  private static X509Certificate[] certificates(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate[] certificates = CertificateUtils.getX509Certificates(in);
      if (certificates.length == 0) {
        throw new TlsFilesException(file, "the " + what + " holds no PEM certificate");
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsFilesException(file, "cannot read the " + what + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateUtils.getPrivateKey(in);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsFilesException(
          file,
          "cannot read the private key (an unencrypted PEM key in PKCS#8, as `openssl pkcs8"
              + " -topk8 -nocrypt` writes it): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A key that does not belong to the certificate would fail every handshake with an error that
   * names neither; signing a probe with the key and verifying it with the certificate says so at
   * once.
   */
  private static void requireMatch(PrivateKey key, X509Certificate certificate, TlsFiles files) {
    byte[] probe = "snakepit".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      String algorithm = signatureAlgorithm(key);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's lands here too.
    }
    throw new TlsFilesException(
        files.privateKey(),
        "the private key does not belong to the first certificate of " + files.certificateChain());
  }

  private static String signatureAlgorithm(PrivateKey key) throws GeneralSecurityException {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default ->
          throw new GeneralSecurityException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
