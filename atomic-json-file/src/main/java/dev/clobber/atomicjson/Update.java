package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.function.UnaryOperator;

/** One change waiting in a file's queue, and what became of it. */
final class Update {
    final UnaryOperator<ObjectNode> change;
    final AtomicJsonFile.Observer observer;
    /** Whether a caller is blocked in {@code update} for it, and can lead when it reaches the head of the queue. */
    final boolean awaited;
    final long enqueued = System.nanoTime();
    final CompletableFuture<Void> future = new CompletableFuture<>();
    /** Set by the commit, read by the caller after {@link #done}; both under the file's lock. */
    Throwable failure;
    boolean done;
    /** Signalled, under the file's lock, when this update is done or reaches the head of the queue. */
    final Condition turn;

    Update(UnaryOperator<ObjectNode> change, AtomicJsonFile.Observer observer, boolean awaited, Condition turn) {
        this.change = change;
        this.observer = observer;
        this.awaited = awaited;
        this.turn = turn;
    }

    /** Completes the future as the commit ended; its dependents run on the calling thread. */
    void complete() {
        if (failure == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(failure);
        }
    }
}
