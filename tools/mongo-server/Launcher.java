import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.util.List;

/**
 * Starts mongo-java-server on an H2 file. It reports MongoDB 7.0 (wire version 21) because the
 * Node driver 7 refuses servers below wire version 9; the features we use are tested against it.
 * Usage: java -cp 'lib/*' Launcher.java <port> <h2-file>
 */
public class Launcher {
  static final MongoVersion MONGO_7_0 = new MongoVersion() {
    public List<Integer> getVersionArray() { return List.of(7, 0, 0); }
    public int getWireVersion() { return 21; }
  };

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    H2Backend backend = new H2Backend(args[1]);
    backend.version(MONGO_7_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      backend.close();
    }));
    System.out.println("listening on 127.0.0.1:" + port);
  }
}
