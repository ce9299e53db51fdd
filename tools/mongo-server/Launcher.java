import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVStore;

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
    H2Backend backend = new AtomicUpdatesBackend(args[1]);
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

/**
 * mongo-java-server 1.47 matches and modifies an update's documents without holding the
 * collection's lock (inserts, deletes and findAndModify hold it), so two concurrent
 * compare-and-set updateOne calls could both match and both report a modification. MongoDB
 * applies each single-document update atomically; these classes make the test server do so too.
 */
class AtomicUpdatesBackend extends H2Backend {
  AtomicUpdatesBackend(String file) { super(file); }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new AtomicUpdatesDatabase(name, getMvStore(), getCursorRegistry());
  }
}

class AtomicUpdatesDatabase extends H2Database {
  private static final java.lang.reflect.Field STORE;
  static {
    try {
      STORE = H2Database.class.getDeclaredField("mvStore");
      STORE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  AtomicUpdatesDatabase(String name, MVStore store, CursorRegistry cursors) {
    super(name, store, cursors);
  }

  // the same maps H2Database opens (names as in mongo-java-server-h2-backend 1.47); called from
  // H2Database's constructor too, hence the store read from its field rather than one of ours
  @Override
  protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
    String full = getFullCollectionNamespace(name);
    MVStore store;
    try {
      store = (MVStore) STORE.get(this);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return new AtomicUpdatesCollection(this, name, options, store.openMap("databases." + full), store.openMap("meta." + full), cursorRegistry);
  }
}

class AtomicUpdatesCollection extends H2Collection {
  AtomicUpdatesCollection(MongoDatabase db, String name, CollectionOptions options, org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta, CursorRegistry cursors) {
    super(db, name, options, data, meta, cursors);
  }

  @Override
  public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti, boolean isUpsert, Oplog oplog) {
    return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
  }
}
