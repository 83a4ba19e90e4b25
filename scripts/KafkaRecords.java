import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints each topic's records so far (the sum of its partitions' end offsets), one "topic count"
 * a line, for scripts/per-job-costs.sh. Run as a single-file program on the local cluster's jars:
 *   java -cp 'deploy/local/target/lib/*' scripts/KafkaRecords.java 127.0.0.1:19092
 */
public class KafkaRecords {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(p)) {
            var names = admin.listTopics().names().get();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> ask = topics.values().stream()
                    .flatMap(t -> t.partitions().stream().map(i -> new TopicPartition(t.name(), i.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(ask).all().get();
            Map<String, Long> perTopic = new java.util.TreeMap<>();
            ends.forEach((tp, info) -> perTopic.merge(tp.topic(), info.offset(), Long::sum));
            perTopic.forEach((topic, n) -> System.out.println(topic + " " + n));
        }
    }
}
