package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Finding the local cluster's data folder, and saying so when a command points at another. */
class LocalClusterTest {
    private final Path here = Path.of("/tmp/data-a");
    private final Path there = Path.of("/tmp/data-b");

    @Test
    @DisplayName("a data folder with no cluster while the remembered one runs elsewhere is refused, naming the folder to pass")
    void otherDataFolderIsNamed() {
        String said = LocalCluster.otherCluster(here, there, Set.of(there)::contains);
        assertTrue(said != null && said.contains("no local cluster runs with the data folder " + here), said);
        assertTrue(said.contains("pass --data " + there), said);
    }

    @Test
    @DisplayName("nothing is said when the folder's own cluster runs, when the remembered one is down, or when they are the same")
    void quietWhenConsistent() {
        assertNull(LocalCluster.otherCluster(here, there, Set.of(here, there)::contains));
        assertNull(LocalCluster.otherCluster(here, there, Set.<Path>of()::contains));
        assertNull(LocalCluster.otherCluster(there, there, Set.of(there)::contains));
        assertNull(LocalCluster.otherCluster(here, null, Set.of(there)::contains));
    }
}
