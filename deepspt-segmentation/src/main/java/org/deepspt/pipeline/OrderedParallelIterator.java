package org.deepspt.pipeline;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deepspt.api.DeepSptException;

/**
 * Maps a source iterator in parallel while keeping the input order and at most {@code window} items in
 * flight (bounded memory). The source is read on the caller's thread only, so it need not be
 * thread-safe. With one thread no pool is made and items are mapped lazily on the caller's thread.
 * Not thread-safe itself; close it (or exhaust it) to stop the worker threads.
 *
 * @param <T> input type
 * @param <R> output type
 */
final class OrderedParallelIterator<T, R> implements Iterator<R>, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Iterator<? extends T> source;
    private final Function<? super T, ? extends R> mapper;
    private final int threads;
    private final int window;
    private final ArrayDeque<Future<? extends R>> pending = new ArrayDeque<>();
    private ExecutorService pool;
    private boolean closed;

    OrderedParallelIterator(Iterator<? extends T> source, Function<? super T, ? extends R> mapper, int threads,
            int window) {
        this.source = source;
        this.mapper = mapper;
        this.threads = threads;
        this.window = Math.max(1, window);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (threads == 1) {
            return source.hasNext();
        }
        fill();
        return !pending.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (threads == 1) {
            return mapper.apply(source.next());
        }
        Future<? extends R> head = pending.poll();
        try {
            R r = head.get();
            fill();
            if (pending.isEmpty()) {
                close();
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new DeepSptException("pipeline interrupted", e);
        } catch (ExecutionException e) {
            close();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new DeepSptException("pipeline worker failed: " + c, c);
        }
    }

    private void fill() {
        while (pending.size() < window && source.hasNext()) {
            T item = source.next();
            if (pool == null) {
                pool = Executors.newFixedThreadPool(threads, daemonThreads());
            }
            pending.add(pool.submit(() -> mapper.apply(item)));
        }
    }

    private static ThreadFactory daemonThreads() {
        int poolId = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "deepspt-pipeline-" + poolId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Cancels work in flight and stops the worker threads; idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Future<? extends R> f : pending) {
            f.cancel(true);
        }
        pending.clear();
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
