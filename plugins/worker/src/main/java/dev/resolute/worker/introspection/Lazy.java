package dev.resolute.worker.introspection;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Iterators that compute each element when it is asked for, so a scan never holds a table in memory. */
final class Lazy {
    private Lazy() {
    }

    /** {@code mapper} applied to each element, leaving out those it maps to null. */
    static <T, R> Iterator<R> map(Iterator<T> source, Function<T, R> mapper) {
        return new Iterator<>() {
            private R next;

            @Override
            public boolean hasNext() {
                while (next == null && source.hasNext()) {
                    next = mapper.apply(source.next());
                }
                return next != null;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                R out = next;
                next = null;
                return out;
            }
        };
    }
}
