package org.entitygraph.neo4j;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs a Neo4j Community DBMS in this JVM with its Bolt connector on
 * 127.0.0.1, authentication off and a small page cache: a server for
 * development and tests only. Usage: {@code DevServer HOME PORT}; the system
 * property {@code entitygraph.pagecache} sizes the page cache (bytes, or
 * with a k, m or g suffix; default 128m), and {@code entitygraph.txmemory},
 * when set, the most memory one transaction may take
 * ({@code db.memory.transaction.max}; unlimited by default, as in Neo4j), so
 * that a test can meet Neo4j's refusal of a transaction too big for its
 * memory without writing a gigabyte. It prints
 * {@code READY bolt://127.0.0.1:PORT} once a query has run, and shuts the
 * database down cleanly on SIGTERM. Any start-up failure exits with status 1.
 */
public final class DevServer {
    private DevServer() {}

    /** Parses a size such as 128m or 2g into bytes. */
    static long bytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = 1;
        switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k': unit = 1L << 10; break;
            case 'm': unit = 1L << 20; break;
            case 'g': unit = 1L << 30; break;
            default: return Long.parseLong(s);
        }
        return Long.parseLong(s.substring(0, s.length() - 1)) * unit;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: DevServer HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);

        DatabaseManagementService dbms;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, bytes(System.getProperty("entitygraph.pagecache", "128m")))
                    // Tests rewrite the graph over and over: keep little history.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files");
            String txMemory = System.getProperty("entitygraph.txmemory", "");
            if (!txMemory.isEmpty()) {
                builder.setConfig(GraphDatabaseSettings.memory_transaction_max_size, bytes(txMemory));
            }
            dbms = builder.build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            dbms.shutdown();
            stopped.countDown();
        }));

        // The Bolt connector is up once build() returns; a query proves the
        // default database is online too, so that a client never races it.
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
