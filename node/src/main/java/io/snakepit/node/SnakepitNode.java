package io.snakepit.node;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.api.AdminService;
import io.snakepit.node.api.NodeCallbackService;
import io.snakepit.node.api.SecretCheck;
import io.snakepit.node.api.SnakepitApiService;
import io.snakepit.node.api.StoreGateway;
import io.snakepit.node.cluster.AdvertisedAddress;
import io.snakepit.node.cluster.CallForwarder;
import io.snakepit.node.cluster.ExecuteRouter;
import io.snakepit.node.cluster.Forwarding;
import io.snakepit.node.cluster.LocalDescription;
import io.snakepit.node.cluster.MonotonicClock;
import io.snakepit.node.cluster.PeerChannels;
import io.snakepit.node.cluster.PeerDirectory;
import io.snakepit.node.cluster.PeerService;
import io.snakepit.node.cluster.ReplicaWatch;
import io.snakepit.node.cluster.SessionSpread;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.PoolConfig;
import io.snakepit.node.config.StoreType;
import io.snakepit.node.execute.Executions;
import io.snakepit.node.execute.JavaTools;
import io.snakepit.node.execute.PoolRegistry;
import io.snakepit.node.execute.ToolCalls;
import io.snakepit.node.metrics.MetricsHttpServer;
import io.snakepit.node.pool.WorkerPool;
import io.snakepit.node.pool.WorkerSpecFactory;
import io.snakepit.node.runtime.PythonRuntime;
import io.snakepit.node.runtime.RunDirectory;
import io.snakepit.node.security.ApiSecurity;
import io.snakepit.node.security.HealthWarnings;
import io.snakepit.node.security.NodeTls;
import io.snakepit.node.security.Refusals;
import io.snakepit.node.security.SecureByDefault;
import io.snakepit.node.security.TokenFile;
import io.snakepit.node.store.SessionStores;
import io.snakepit.node.store.StoreReadiness;
import io.snakepit.node.tools.JavaTool;
import io.snakepit.node.tools.NodeInfoTool;
import io.snakepit.node.worker.WorkerChannels;
import io.snakepit.node.worker.WorkerLaunchSpec;
import io.snakepit.node.worker.WorkerLauncher;
import io.snakepit.node.worker.WorkerRegistry;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.raft.ReplicaTls;
import io.snakepit.worker.v1.DescribeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: the one composition root of the server process. */
public final class SnakepitNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnakepitNode.class);

  /**
   * A store call blocks its thread until the Raft group answers, and the store packs the writes
   * proposed meanwhile into one log entry: the more callers wait at once, the fuller each entry.
   * With a few threads per core, concurrent clients queued behind them and each entry carried a
   * handful of writes; waiting threads cost little but their stacks.
   */
  private static final int STORE_CALL_THREADS = 128;

  /**
   * Counting reads every session id: often enough for a dashboard, rarely enough to cost little.
   */
  private static final Duration SESSION_SPREAD_INTERVAL = Duration.ofSeconds(30);

  // Java tools may block (on I/O, on other tools); more calls than this wait for a thread.
  private static final int JAVA_TOOL_THREADS =
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final NodeConfig config;
  private final List<JavaTool> javaTools;
  private final Shutdown shutdown = new Shutdown();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final HealthStatusManager health = new HealthStatusManager();
  private final MetricRegistry metrics = new MetricRegistry();
  private Server grpcServer;
  private MetricsHttpServer httpServer;
  private PoolRegistry pools;
  private volatile StoreReadiness storeReadiness;

  private SnakepitNode(NodeConfig config, List<JavaTool> javaTools) {
    this.config = config;
    this.javaTools = List.copyOf(javaTools);
  }

  /**
   * Starts every part of the node (store, pools, gRPC and HTTP servers) and returns when ready; the
   * node has its built-in Java tools only.
   */
  public static SnakepitNode start(NodeConfig config) {
    return builder(config).start();
  }

  /** For a node with Java tools of its own. */
  public static Builder builder(NodeConfig config) {
    return new Builder(config);
  }

  /** Collects what a node is built with beyond its configuration: its Java tools. */
  public static final class Builder {
    private final NodeConfig config;
    private final List<JavaTool> javaTools = new ArrayList<>();

    private Builder(NodeConfig config) {
      this.config = config;
      javaTools.add(new NodeInfoTool(config));
    }

    /** Registers a Java tool, called by clients and Python tools as pool "java". */
    public Builder javaTool(JavaTool tool) {
      javaTools.add(tool);
      return this;
    }

    /** Starts every part of the node (store, pools, gRPC and HTTP servers); returns when ready. */
    public SnakepitNode start() {
      SnakepitNode node = new SnakepitNode(config, javaTools);
      try {
        node.startParts();
        return node;
      } catch (RuntimeException | IOException e) {
        node.close();
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
    }
  }

  /** The bound gRPC port (useful when the config asked for port 0). */
  public int grpcPort() {
    return grpcServer.getPort();
  }

  /** The bound HTTP port, or -1 when HTTP is disabled. */
  public int httpPort() {
    return httpServer == null ? -1 : httpServer.port();
  }

  /** The node's metrics, also served over HTTP and JMX. */
  public MetricRegistry metrics() {
    return metrics;
  }

  public String nodeId() {
    return config.nodeId();
  }

  /** Blocks until the node has stopped. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops gracefully: drains in-flight calls for the shutdown grace, stops workers and store. */
  @Override
  public void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    health.enterTerminalState();
    shutdown.run();
    terminated.countDown();
    log.info("node {} stopped", config.nodeId());
  }

  private void startParts() throws IOException {
    // Checked before anything listens: a node refused here has opened no port.
    String insecure = SecureByDefault.check(config);
    Optional<NodeTls> tls = config.security().tls().map(NodeTls::load);
    Optional<TokenFile> tokens = config.security().tokensFile().map(TokenFile::load);
    Refusals refusals = new Refusals(metrics);
    // Checked first: a duplicate name is a programming error, found before any process starts.
    JavaTools tools = new JavaTools(javaTools);
    JmxReporter jmx = JmxReporter.forRegistry(metrics).inDomain("snakepit").build();
    jmx.start();
    shutdown.add("JMX reporter", jmx::stop);

    RunDirectory runDir = RunDirectory.create(config.runDir(), config.nodeId(), new SecureRandom());
    shutdown.add("run directory", runDir::close);
    Path runtime = PythonRuntime.unpackInto(runDir.path().resolve("python"));

    SessionStore store =
        SessionStores.open(
            config,
            tls.map(
                served ->
                    new ReplicaTls(
                        served.keyManager(),
                        served.peerTrustManager(refusals.certificatesRefusedOn("raft")))));
    shutdown.add("session store", store::close);
    store.membership().ifPresent(members -> members.removed().thenAccept(this::stopWhenRemoved));
    StoreGateway gateway = new StoreGateway(store, config.sessions().defaultTtl());

    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    shutdown.add("scheduler", scheduler::shutdownNow);
    scheduleExpiry(scheduler, store);
    tls.ifPresent(served -> watchCertificate(served, scheduler));
    tokens.ifPresent(
        file ->
            repeat(
                scheduler,
                "reloading the token file",
                config.security().reloadInterval(),
                file::reloadIfChanged));

    WorkerChannels channels =
        new WorkerChannels(runDir.secret(), config.maxMessageSize().toIntBytes(), 2);
    shutdown.add("worker channels", channels::close);
    Path callbackSocket = runDir.socket("node");

    pools =
        new PoolRegistry(
            startPools(
                workerLauncher(channels, runDir.runId()),
                runtime,
                runDir,
                callbackSocket,
                scheduler),
            config.pool().name(),
            tools);

    ExecutorService javaToolThreads = Executors.newFixedThreadPool(JAVA_TOOL_THREADS);
    shutdown.add("Java tool threads", javaToolThreads::shutdownNow);
    ToolCalls toolCalls =
        new ToolCalls(
            pools,
            gateway,
            config.nodeId(),
            config.defaultCallTimeout(),
            metrics,
            javaToolThreads,
            scheduler);
    // Workers open the callback socket on a tool's first use of ctx, which can only come with a
    // call, after the API below serves: starting it here, once the tools can be called, is early
    // enough.
    startCallbackServer(
        callbackSocket, runDir.secret(), new NodeCallbackService(gateway, toolCalls));
    serveOnceStoreAnswers(store);
    PeerChannels peerChannels =
        new PeerChannels(
            config.nodeId(),
            config.maxMessageSize().toIntBytes(),
            tls.map(
                    served ->
                        served.channelCredentials(refusals.certificatesRefusedOn("peer-call")))
                .orElseGet(InsecureChannelCredentials::create));
    shutdown.add("peer channels", peerChannels::close);
    LocalDescription self = new LocalDescription(config.nodeId(), pools);
    PeerDirectory directory =
        new PeerDirectory(
            config.nodeId(),
            this::advertisedAddress,
            store,
            peerChannels,
            self,
            config.cluster().pollInterval(),
            MonotonicClock.start(),
            () -> groupMembers(store));
    ExecuteRouter router =
        new ExecuteRouter(
            config.nodeId(), directory, new CallForwarder(peerChannels, metrics), toolCalls);
    startGrpcServer(
        new ApiSecurity(tls, tokens, refusals), router, gateway, store, new PeerService(self));
    repeat(scheduler, "polling the other nodes", directory.pollInterval(), directory::poll);
    SessionSpread spread = new SessionSpread(store, directory::members, metrics);
    repeat(
        scheduler,
        "counting the sessions each node owns",
        SESSION_SPREAD_INTERVAL,
        spread::measure);
    store.membership().ifPresent(members -> watchReplicas(store, members, directory));
    startHttpServer(tls, new HealthWarnings(insecure, tls));
    log.info(
        "node {} serving on {}:{} (run {})",
        config.nodeId(),
        config.host(),
        grpcPort(),
        runDir.runId());
  }

  /**
   * A node removed from the group stops as SIGTERM would stop it: it drains its calls, then exits
   * with 0. Keeping it up would serve nothing useful: its replica is closed, and no other node
   * routes to it any more.
   */
  private void stopWhenRemoved(String how) {
    Thread stopping =
        new Thread(
            () -> {
              log.warn(
                  "node {} was removed from the session group ({}); it drains its calls and stops",
                  config.nodeId(),
                  how);
              close();
            },
            "snakepit-removed");
    stopping.start();
  }

  /**
   * Checks as often as the nodes are polled, on a thread of its own: handing the leadership on
   * waits for an election, which must not hold up the node's other schedules.
   */
  private void watchReplicas(
      SessionStore store, SessionStore.Membership members, PeerDirectory directory) {
    ScheduledExecutorService watchThread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "replica-watch"));
    shutdown.add("replica watch", watchThread::shutdownNow);
    ReplicaWatch watch =
        new ReplicaWatch(
            store,
            members,
            directory::members,
            config.store().electionTimeoutMax(),
            MonotonicClock.start());
    repeat(watchThread, "watching the replicas", directory.pollInterval(), watch::check);
  }

  /** The group's member ids as this replica knows them; none when it knows none. */
  private static Set<String> groupMembers(SessionStore store) {
    try {
      return store.membership().map(members -> members.members().keySet()).orElse(Set.of());
    } catch (StoreException e) {
      return Set.of();
    }
  }

  /** Launches workers; first kills any that a previous run of this node left behind. */
  private WorkerLauncher workerLauncher(WorkerChannels channels, String runId) {
    WorkerRegistry registry = WorkerRegistry.in(config.dataDir().resolve("workers"), runId);
    int swept = registry.sweep();
    if (swept > 0) {
      log.warn("killed {} processes left running by a previous run", swept);
    }
    ExecutorService launchExecutor = Executors.newFixedThreadPool(2);
    shutdown.add("launch executor", launchExecutor::shutdownNow);
    WorkerLauncher launcher = new WorkerLauncher(channels, launchExecutor, registry);
    // Closed after the pools, which are started later: its fork servers outlast their workers.
    shutdown.add("fork servers", launcher::close);
    return launcher;
  }

  private WorkerSpecFactory specsFor(
      PoolConfig poolConfig, Path runtime, RunDirectory runDir, Path callbackSocket) {
    return (workerId, generation) ->
        new WorkerLaunchSpec(
            poolConfig.name(),
            workerId,
            poolConfig.python(),
            runtime,
            poolConfig.pythonPath(),
            poolConfig.adapter(),
            runDir.socket("w-" + workerId + "-" + generation),
            callbackSocket,
            runDir.runId(),
            runDir.secret(),
            config.maxMessageSize().bytes(),
            poolConfig.startTimeout(),
            poolConfig.startMethod(),
            poolConfig.concurrentCalls());
  }

  /** Starts every pool at once, and returns when each has a worker up. */
  private List<WorkerPool> startPools(
      WorkerLauncher launcher,
      Path runtime,
      RunDirectory runDir,
      Path callbackSocket,
      ScheduledExecutorService scheduler) {
    Map<WorkerPool, CompletableFuture<DescribeResponse>> starting = new LinkedHashMap<>();
    for (PoolConfig poolConfig : config.pools()) {
      WorkerSpecFactory specs = specsFor(poolConfig, runtime, runDir, callbackSocket);
      WorkerPool pool =
          new WorkerPool(poolConfig, launcher, specs, scheduler, new SecureRandom(), metrics);
      shutdown.add("pool " + pool.name(), pool::close);
      starting.put(pool, pool.start());
    }
    starting.forEach(this::awaitFirstWorker);
    return List.copyOf(starting.keySet());
  }

  /** Reports NOT_SERVING until the store answers reads, SERVING from then on. */
  private void serveOnceStoreAnswers(SessionStore store) {
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(SnakepitGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    storeReadiness =
        StoreReadiness.watch(
            store,
            config.store().type() == StoreType.EMBEDDED,
            () -> {
              health.setStatus("", ServingStatus.SERVING);
              health.setStatus(SnakepitGrpc.SERVICE_NAME, ServingStatus.SERVING);
            });
    shutdown.add("session store readiness", storeReadiness::close);
  }

  private void scheduleExpiry(ScheduledExecutorService scheduler, SessionStore store) {
    repeat(
        scheduler,
        "session expiry sweep",
        config.sessions().expirySweepInterval(),
        () -> {
          int expired = store.expireIdleSessions();
          if (expired > 0) {
            log.info("expired {} idle sessions", expired);
          }
        });
  }

  /**
   * Reads the TLS files again as often as configured, and shows how long the certificate served now
   * remains valid.
   */
  private void watchCertificate(NodeTls tls, ScheduledExecutorService scheduler) {
    repeat(
        scheduler,
        "reloading the TLS files",
        config.security().reloadInterval(),
        tls::reloadIfChanged);
    metrics.gauge(
        "snakepit.tls.certificate.expires.seconds",
        () -> (Gauge<Long>) () -> Duration.between(Instant.now(), tls.expiresAt()).toSeconds());
  }

  /** Runs {@code task} every {@code every}; a failed run is logged and the next one still runs. */
  private static void repeat(
      ScheduledExecutorService scheduler, String what, Duration every, Runnable task) {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("{} failed", what, e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void startCallbackServer(Path socket, String secret, NodeCallbackService service)
      throws IOException {
    EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
    Server server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(loop)
            .workerEventLoopGroup(loop)
            .maxInboundMessageSize(config.maxMessageSize().toIntBytes())
            .intercept(new SecretCheck(secret))
            .addService(service)
            .build()
            .start();
    shutdown.add(
        "callback server",
        () -> {
          server.shutdownNow();
          loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        });
  }

  private void awaitFirstWorker(WorkerPool pool, CompletableFuture<DescribeResponse> firstReady) {
    Duration timeout = pool.config().startTimeout();
    try {
      firstReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "pool " + pool.name() + ": no worker was ready within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting pool " + pool.name(), e);
    }
  }

  /** Where the other nodes reach this node's API; known once the gRPC server listens. */
  private String advertisedAddress() {
    return config
        .cluster()
        .advertiseAddress()
        .orElseGet(() -> AdvertisedAddress.forListening(config.host(), grpcPort()));
  }

  private void startGrpcServer(
      ApiSecurity security,
      Executions executions,
      StoreGateway gateway,
      SessionStore store,
      PeerService peers)
      throws IOException {
    ExecutorService storeExecutor = Executors.newFixedThreadPool(STORE_CALL_THREADS);
    NettyServerBuilder server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.host(), config.port()), security.credentials())
            .directExecutor()
            .maxInboundMessageSize(config.maxMessageSize().toIntBytes())
            .intercept(new Forwarding(security.refusals()))
            .addService(new SnakepitApiService(executions, pools, gateway, storeExecutor))
            .addService(peers)
            .addService(new AdminService(store, storeExecutor))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance());
    // Guarded last: its interceptor then runs first, and the hop marker knows who sent it.
    grpcServer = security.guard(server).build().start();
    // Started after the pools, so closed before them: in-flight calls drain while workers live.
    shutdown.add(
        "gRPC server",
        () -> {
          grpcServer.shutdown();
          awaitQuietly(grpcServer, config.shutdownGrace().toMillis());
          grpcServer.shutdownNow();
          storeExecutor.shutdownNow();
        });
  }

  private void startHttpServer(Optional<NodeTls> tls, HealthWarnings warnings) throws IOException {
    if (config.httpPort() < 0) {
      return;
    }
    httpServer =
        MetricsHttpServer.start(
            new InetSocketAddress(config.host(), config.httpPort()),
            tls.map(NodeTls::sslContext),
            metrics,
            new MetricsHttpServer.Probes(
                () -> terminated.getCount() > 0,
                () ->
                    storeReadiness.answers() && pools.all().stream().allMatch(WorkerPool::isReady),
                () ->
                    storeReadiness.answers()
                        && pools.all().stream().allMatch(WorkerPool::isFullyReady),
                warnings::current));
    shutdown.add("HTTP server", httpServer::close);
  }

  private static void awaitQuietly(Server server, long millis) {
    try {
      server.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
