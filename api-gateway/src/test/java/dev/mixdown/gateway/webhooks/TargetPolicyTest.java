package dev.mixdown.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The webhook target policy")
class TargetPolicyTest {
    /** Names as a test DNS answers them; address literals resolve to themselves. */
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "rebound.example.com", List.of("93.184.216.34", "127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "kafka", List.of("10.0.0.5"),
            "hooks.internal", List.of("10.1.2.3"));

    static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> answer = DNS.get(host);
        if (answer == null) {
            if (host.contains(".") && !Character.isDigit(host.charAt(0)) || host.equals("nowhere")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        InetAddress[] out = new InetAddress[answer.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(answer.get(i));
        }
        return out;
    }

    static TargetPolicy defaults() {
        return new TargetPolicy(false, List.of(), List.of(new TargetPolicy.HostPort("kafka", 9092)), TargetPolicyTest::resolve);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.9.9.9:8080/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/", "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://0.0.0.0/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/", "http://metadata.example.com/", "http://rebound.example.com/"})
    @DisplayName("refuses by default a URL whose host is or resolves to an inward address")
    void refusesInward(String url) {
        assertTrue(defaults().refusal(url).isPresent(), url + " should be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "file:///etc/passwd", "gopher://hooks.example.com/", "hooks.example.com/x",
        "http:///nohost", "https://user:pw@hooks.example.com/", "http://nowhere/", ""})
    @DisplayName("refuses what is not an http(s) URL to a host that resolves")
    void refusesMalformed(String url) {
        assertTrue(defaults().refusal(url).isPresent(), url + " should be refused");
    }

    @Test
    @DisplayName("allows a public host, http or https, on any port, and 172.32.0.1 which lies outside 172.16/12")
    void allowsPublic() {
        assertEquals(Optional.empty(), defaults().refusal("https://hooks.example.com/mixdown?x=1"));
        assertEquals(Optional.empty(), defaults().refusal("http://hooks.example.com:8443/"));
        assertEquals(Optional.empty(), defaults().refusal("http://172.32.0.1/"));
    }

    @Test
    @DisplayName("says why and how the operator allows it")
    void explains() {
        String why = defaults().refusal("http://169.254.169.254/").orElseThrow();
        assertTrue(why.contains("link-local") && why.contains("mixdown.webhooks.allow-private-targets"), why);
    }

    @Test
    @DisplayName("lets the operator allow private targets, a listed host or a listed range")
    void operatorAllows() {
        TargetPolicy all = new TargetPolicy(true, List.of(), List.of(), TargetPolicyTest::resolve);
        assertEquals(Optional.empty(), all.refusal("http://127.0.0.1:8080/"));
        TargetPolicy listed = new TargetPolicy(false, List.of("hooks.internal", "192.168.7.0/24", "fd00::/8"), List.of(),
                TargetPolicyTest::resolve);
        assertEquals(Optional.empty(), listed.refusal("http://hooks.internal/"));
        assertEquals(Optional.empty(), listed.refusal("http://192.168.7.20/"));
        assertEquals(Optional.empty(), listed.refusal("http://[fd00::7]/"));
        assertTrue(listed.refusal("http://192.168.8.1/").isPresent());
        assertTrue(listed.refusal("http://169.254.169.254/").isPresent());
    }

    @Test
    @DisplayName("refuses the cluster's own services even where private targets are allowed, by name or by address")
    void refusesClusterServices() {
        TargetPolicy all = new TargetPolicy(true, List.of(), List.of(new TargetPolicy.HostPort("kafka", 9092),
                TargetPolicy.HostPort.parse("127.0.0.1:5432", -1)), TargetPolicyTest::resolve);
        assertTrue(all.refusal("http://kafka:9092/").isPresent());
        assertTrue(all.refusal("http://10.0.0.5:9092/").isPresent());
        assertTrue(all.refusal("http://127.0.0.1:5432/").isPresent());
        assertEquals(Optional.empty(), all.refusal("http://127.0.0.1:5433/"));
    }
}
