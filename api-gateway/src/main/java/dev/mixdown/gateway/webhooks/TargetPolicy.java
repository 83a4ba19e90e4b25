package dev.mixdown.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may be sent (against server-side request forgery): only http and https; never
 * to the cluster's own services; and, unless the operator allows private targets or lists the
 * host or its range, never to an address that is loopback, link-local (cloud metadata),
 * private, unique-local, unspecified or multicast. Every address the host resolves to must pass.
 */
public final class TargetPolicy {
    /** Resolves a host name to its addresses (the system resolver in production). */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target never posted to; {@code port} -1 means any port. */
    public record HostPort(String host, int port) {
        /** Parses {@code host} or {@code host:port} ({@code [v6]:port} for IPv6). */
        public static HostPort parse(String s, int defaultPort) {
            String t = s.trim();
            if (t.startsWith("[")) {
                int end = t.indexOf(']');
                String host = t.substring(1, end);
                return new HostPort(host, t.length() > end + 2 ? Integer.parseInt(t.substring(end + 2)) : defaultPort);
            }
            int colon = t.lastIndexOf(':');
            if (colon > 0 && t.indexOf(':') == colon) {
                return new HostPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
            }
            return new HostPort(t, defaultPort);
        }
    }

    private final boolean allowPrivate;
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final List<HostPort> refused;
    private final Resolver resolver;

    /**
     * @param allowPrivate   private, loopback and link-local targets are allowed
     * @param allowed        host names and CIDR ranges allowed although private
     * @param refused        targets always refused (the cluster's own services, and the operator's list)
     */
    public TargetPolicy(boolean allowPrivate, List<String> allowed, List<HostPort> refused, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        for (String a : allowed) {
            String t = a.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.contains("/") || t.contains(":") || t.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                allowedRanges.add(Cidr.parse(t));
            } else {
                allowedHosts.add(t.toLowerCase(Locale.ROOT));
            }
        }
        this.refused = List.copyOf(refused);
        this.resolver = resolver;
    }

    /** Why the URL is refused, or empty when the gateway may post to it. Resolves the host now. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("a webhook needs a url");
        }
        if (url.length() > 2000) {
            return Optional.of("the url is longer than 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are allowed, not '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            return Optional.of("the URL names no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the URL are not supported");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (HostPort r : refused) {
            if ((r.port() == -1 || r.port() == port) && sameHost(host, addresses, r.host())) {
                return Optional.of(host + ":" + port + " is one of the cluster's own services");
            }
        }
        if (allowPrivate || allowedHosts.contains(host)) {
            return Optional.empty();
        }
        for (InetAddress a : addresses) {
            String kind = inwardKind(a);
            if (kind != null && allowedRanges.stream().noneMatch(c -> c.contains(a))) {
                return Optional.of(host + " resolves to " + a.getHostAddress() + ", a " + kind
                        + " address; the operator allows such targets with mixdown.webhooks.allow-private-targets or mixdown.webhooks.allowed-targets");
            }
        }
        return Optional.empty();
    }

    private boolean sameHost(String host, InetAddress[] addresses, String refusedHost) {
        if (host.equalsIgnoreCase(refusedHost)) {
            return true;
        }
        try {
            List<InetAddress> theirs = Arrays.asList(resolver.resolve(refusedHost));
            return Arrays.stream(addresses).anyMatch(theirs::contains);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** What kind of inward-facing address this is, or null for a public one. */
    static String inwardKind(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            if (b[0] == 0) {
                return "unspecified";
            }
            if ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
                return "shared (carrier-grade NAT)";
            }
            return null;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        boolean compatible = ((Inet6Address) a).isIPv4CompatibleAddress();
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (compatible || nat64) {
            try {
                return inwardKind(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            try {
                // only literals: getByName does not resolve an address literal
                byte[] net = InetAddress.getByName(slash < 0 ? s : s.substring(0, slash)).getAddress();
                return new Cidr(net, slash < 0 ? net.length * 8 : Integer.parseInt(s.substring(slash + 1)));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + s, e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
