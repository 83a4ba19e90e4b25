package dev.mixdown.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets listening on this machine, as Linux lists them in {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: which address each port is bound to, without trying to reach it.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** One listening socket: its local address as Linux prints it and its port. */
    public record Socket(String address, int port) {
        /** True for 127.0.0.1 (and ::ffff:127.0.0.1). */
        public boolean loopbackV4() {
            return address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F");
        }

        @Override
        public String toString() {
            return (loopbackV4() ? "127.0.0.1" : address) + ":" + port;
        }
    }

    /** The listening sockets on any of {@code ports}. */
    public static List<Socket> on(Set<Integer> ports) throws IOException {
        List<Socket> found = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                if (f[3].equals(LISTEN) && ports.contains(port)) {
                    found.add(new Socket(local[0], port));
                }
            }
        }
        return found;
    }
}
