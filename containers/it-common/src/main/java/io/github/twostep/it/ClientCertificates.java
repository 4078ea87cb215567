package io.github.twostep.it;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for a CLIENT-CERT test run, made by the JDK's {@code keytool} in a directory of
 * the run's own: {@code server.p12} (a key for 127.0.0.1), {@code server-trust.p12} (the users'
 * certificates, for the container), and one {@code USER.p12} per user with subject
 * {@code CN=USER}, plus {@code client-trust.p12} (the server's certificate, for the clients).
 * All PKCS12 under {@link #PASSWORD}.
 */
public final class ClientCertificates {
    /** The password of every key store. */
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private ClientCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes the stores for {@code users} in {@code dir}. */
    public static ClientCertificates make(Path dir, List<String> users) throws Exception {
        ClientCertificates made = new ClientCertificates(dir);
        made.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12");
        for (String user : users) {
            made.keytool("-genkeypair", "-alias", user, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + user, "-validity", "2", "-keystore", user + ".p12");
            made.keytool("-exportcert", "-alias", user, "-keystore", user + ".p12", "-file", user + ".cer");
            made.keytool("-importcert", "-noprompt", "-alias", user, "-file", user + ".cer",
                    "-keystore", "server-trust.p12");
        }
        made.keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.cer");
        made.keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.cer",
                "-keystore", "client-trust.p12");
        return made;
    }

    /** A store of this run by file name, e.g. {@code server.p12}. */
    public Path path(String file) {
        return dir.resolve(file);
    }

    /** The signature of {@code user}'s certificate, Base64 (what Jetty's realm takes as its credential). */
    public String signature(String user) throws Exception {
        X509Certificate certificate = (X509Certificate) load(user + ".p12").getCertificate(user);
        return Base64.getEncoder().encodeToString(certificate.getSignature());
    }

    /** An HTTPS visitor of {@code port} trusting the server, presenting {@code user}'s certificate (null: none). */
    public Client client(String user, int port) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        SSLContext tls = SSLContext.getInstance("TLS");
        if (user == null) {
            tls.init(null, trust.getTrustManagers(), null);
        } else {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(user + ".p12"), PASSWORD.toCharArray());
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        }
        return new Client(tls, port);
    }

    /** One browser over HTTPS: its own cookies, no redirects followed. */
    public static final class Client {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private final int port;

        private Client(SSLContext tls, int port) {
            this.port = port;
            this.http = HttpClient.newBuilder().sslContext(tls).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        /** {@code GET path} asking for HTML. */
        public HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The cookie's value, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    private KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
