package io.github.gitlabqueueadapter.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-managed GitLab with a certificate from a private CA: WireMock over HTTPS only, with a key pair made by the
 * JDK's keytool for this run. The adapter gets the CA as {@code gitlab.tls.ca-file}.
 */
public class HttpsGitLabWireMock extends GitLabWireMock {

    /** Where the CA certificate of the run is written, for tests that build their own client. */
    public static Path caFile;

    @Override
    protected WireMockConfiguration options() {
        try {
            Path dir = Files.createTempDirectory("gitlab-tls");
            Path keystore = dir.resolve("gitlab.p12");
            caFile = dir.resolve("ca.pem");
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "gitlab",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-keystore",
                    keystore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    "changeit",
                    "-keypass",
                    "changeit"));
            run(List.of(
                    keytool,
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "gitlab",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    "changeit",
                    "-file",
                    caFile.toString()));
            return WireMockConfiguration.options()
                    .httpDisabled(true)
                    .dynamicHttpsPort()
                    .bindAddress("127.0.0.1")
                    .keystorePath(keystore.toString())
                    .keystoreType("PKCS12")
                    .keystorePassword("changeit")
                    .keyManagerPassword("changeit");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    @Override
    protected Map<String, String> gitlabConfig(WireMockServer running) {
        return Map.of(
                "gitlab.url", "https://localhost:" + running.httpsPort(), "gitlab.tls.ca-file", caFile.toString());
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
