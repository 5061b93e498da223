package io.snakepit.node.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA for development and tests, on Bouncy Castle: it issues node certificates (both TLS
 * server and client, {@link Role#PEER}) and client certificates of a role, all with EC P-256 keys.
 * A production cluster's certificates come from the operator's own CA; they need only carry the
 * role as {@code OU} (see {@link Role}).
 */
public final class CertificateAuthority {

  private static final String SIGNATURE = "SHA256withECDSA";

  private final SecureRandom random;
  private final Issued self;

  private CertificateAuthority(SecureRandom random, Issued self) {
    this.random = random;
    this.self = self;
  }

  /** A certificate and its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    /**
     * Writes the certificate to {@code <name>.pem} and its key to {@code <name>-key.pem} (0600).
     */
    public void writeTo(Path dir, String name) {
      writePem(dir.resolve(name + ".pem"), certificate, false);
      writePem(dir.resolve(name + "-key.pem"), keys, true);
    }
  }

  /** A new CA whose own certificate is valid from {@code notBefore} to {@code notAfter}. */
  public static CertificateAuthority create(String name, Instant notBefore, Instant notAfter) {
    SecureRandom random = new SecureRandom();
    KeyPair keys = newKeys(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial(random),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            keys.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot describe the CA certificate", e);
    }
    return new CertificateAuthority(random, new Issued(sign(builder, keys), keys));
  }

  public Issued issued() {
    return self;
  }

  /**
   * Issues a certificate of a role.
   *
   * @param hostNames the names and addresses it is valid for as a server; a node's peers check the
   *     one they dial. Empty for a client's certificate, which serves nothing.
   */
  public Issued issue(
      String commonName, Role role, List<String> hostNames, Instant notBefore, Instant notAfter) {
    KeyPair keys = newKeys(random);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, commonName)
            .addRDN(BCStyle.OU, role.organisationalUnit())
            .build();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            self.certificate(),
            serial(random),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            keys.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              hostNames.isEmpty()
                  ? new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}
                  : new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                  }));
      if (!hostNames.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostNames));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(self.certificate()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot describe the certificate of " + commonName, e);
    }
    return new Issued(sign(builder, self.keys()), keys);
  }

  /** An address literal becomes an IP entry, anything else a DNS name. */
  private static GeneralNames alternativeNames(List<String> hostNames) {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hostNames) {
      names.add(
          isAddressLiteral(host)
              ? new GeneralName(GeneralName.iPAddress, host)
              : new GeneralName(GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static boolean isAddressLiteral(String host) {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      // A literal resolves without asking DNS.
      return InetAddress.getByName(host) != null;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }

  private static KeyPair newKeys(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make EC P-256 keys", e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  /**
   * Writes one PEM object; a private key as PKCS#8, into a file only its owner may read, created so
   * from the start.
   */
  static void writePem(Path file, Object object, boolean secret) {
    try {
      if (secret) {
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      try (Writer out =
              Files.newBufferedWriter(
                  file,
                  StandardCharsets.US_ASCII,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          JcaPEMWriter pem = new JcaPEMWriter(out)) {
        if (object instanceof KeyPair keys) {
          pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        } else {
          pem.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
