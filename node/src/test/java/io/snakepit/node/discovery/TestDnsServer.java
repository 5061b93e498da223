package io.snakepit.node.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative DNS server on UDP 127.0.0.1, for one zone held in memory: it answers SRV
 * and A questions in the DNS wire format (RFC 1035, RFC 2782), NXDOMAIN for names it does not hold,
 * and an empty answer for other types. Records can be added while it runs.
 */
public final class TestDnsServer implements AutoCloseable {

  private static final int TYPE_A = 1;
  private static final int TYPE_SRV = 33;
  private static final int CLASS_IN = 1;
  private static final int NXDOMAIN = 3;
  private static final int NOT_IMPLEMENTED = 4;
  private static final int TTL_SECONDS = 1;

  private final DatagramSocket socket;
  private final Thread thread;
  private final Map<String, List<SrvRecord>> srv = new ConcurrentHashMap<>();
  private final Map<String, InetAddress> addresses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();

  private TestDnsServer(DatagramSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "test-dns-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a server on a free UDP port of 127.0.0.1. */
  public static TestDnsServer start() {
    try {
      return new TestDnsServer(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port}, as {@code store.raft.dns-server} takes it. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Adds an SRV record to {@code name}, and an A record for its target. */
  public void addSrv(String name, String target, int port, String ip) {
    srv.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>())
        .add(new SrvRecord(0, 10, port, target));
    try {
      addresses.put(key(target), InetAddress.getByName(ip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many questions of any type {@code name} got. */
  public int questionsAbout(String name) {
    AtomicInteger count = questions.get(key(name));
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] reply = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        // closed, or a malformed question: a resolver asks again
      }
    }
  }

  private byte[] answer(ByteBuffer query) {
    int id = query.getShort() & 0xffff;
    int flags = query.getShort() & 0xffff;
    int questionCount = query.getShort() & 0xffff;
    query.position(12);
    int questionStart = query.position();
    String name = readName(query);
    int type = query.getShort() & 0xffff;
    int questionClass = query.getShort() & 0xffff;
    byte[] question = new byte[query.position() - questionStart];
    query.get(questionStart, question);
    questions.computeIfAbsent(key(name), k -> new AtomicInteger()).incrementAndGet();

    ByteArrayOutputStream answers = new ByteArrayOutputStream();
    int answerCount = 0;
    int rcode = 0;
    if (questionCount != 1 || questionClass != CLASS_IN) {
      rcode = NOT_IMPLEMENTED;
    } else if (!srv.containsKey(key(name)) && !addresses.containsKey(key(name))) {
      rcode = NXDOMAIN;
    } else if (type == TYPE_SRV) {
      for (SrvRecord record : srv.getOrDefault(key(name), List.of())) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        writeShort(data, record.priority());
        writeShort(data, record.weight());
        writeShort(data, record.port());
        writeName(data, record.target());
        writeRecord(answers, TYPE_SRV, data.toByteArray());
        answerCount++;
      }
    } else if (type == TYPE_A && addresses.containsKey(key(name))) {
      writeRecord(answers, TYPE_A, addresses.get(key(name)).getAddress());
      answerCount++;
    }

    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    writeShort(reply, id);
    // QR, the query's opcode and RD, AA; no recursion available.
    writeShort(reply, 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | rcode);
    writeShort(reply, 1);
    writeShort(reply, answerCount);
    writeShort(reply, 0);
    writeShort(reply, 0);
    reply.writeBytes(question);
    reply.writeBytes(answers.toByteArray());
    return reply.toByteArray();
  }

  /** An answer record whose owner is the question's name, by a pointer to offset 12. */
  private static void writeRecord(ByteArrayOutputStream out, int type, byte[] data) {
    writeShort(out, 0xc00c);
    writeShort(out, type);
    writeShort(out, CLASS_IN);
    writeShort(out, 0);
    writeShort(out, TTL_SECONDS);
    writeShort(out, data.length);
    out.writeBytes(data);
  }

  private static String readName(ByteBuffer in) {
    StringBuilder name = new StringBuilder();
    for (int length = in.get() & 0xff; length > 0; length = in.get() & 0xff) {
      if ((length & 0xc0) != 0) {
        throw new IllegalArgumentException("a compressed name in a question");
      }
      byte[] label = new byte[length];
      in.get(label);
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(label, StandardCharsets.US_ASCII));
    }
    return name.toString();
  }

  private static void writeName(ByteArrayOutputStream out, String name) {
    for (String label : key(name).split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xff);
    out.write(value & 0xff);
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
