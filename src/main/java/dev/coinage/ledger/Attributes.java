package dev.coinage.ledger;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A request's attributes: an immutable map sorted by name, kept as two arrays. A transaction's attributes are a
 * handful of short references kept for the life of the ledger, so the form matters: two arrays cost a fraction of a
 * {@code TreeMap}'s nodes, and building them needs no map at all.
 *
 * <p>Immutable and thread-safe once built.
 */
final class Attributes extends AbstractMap<String, String> {
    private final String[] names;
    private final String[] values;

    private Attributes(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Collects attributes; a name given again replaces its value. Not thread-safe. */
    static final class Builder {
        private String[] names = new String[4];
        private String[] values = new String[4];
        private int size;

        void put(String name, String value) {
            if (handedOver) {
                names = names.clone();
                values = values.clone();
                handedOver = false;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    values[i] = value;
                    return;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
        }

        // Set when build handed the arrays over (they were full): the next put copies them first.
        private boolean handedOver;

        Attributes build() {
            String[] n;
            String[] v;
            if (size == names.length) {
                n = names;
                v = values;
                handedOver = true;
            } else {
                n = Arrays.copyOf(names, size);
                v = Arrays.copyOf(values, size);
            }
            // Insertion sort by name: a request has a handful of attributes.
            for (int i = 1; i < size; i++) {
                String kn = n[i];
                String kv = v[i];
                int j = i - 1;
                while (j >= 0 && n[j].compareTo(kn) > 0) {
                    n[j + 1] = n[j];
                    v[j + 1] = v[j];
                    j--;
                }
                n[j + 1] = kn;
                v[j + 1] = kv;
            }
            return new Attributes(n, v);
        }
    }

    private int indexOf(Object name) {
        if (!(name instanceof String)) {
            return -1;
        }
        return Arrays.binarySearch(names, (String) name);
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public String getOrDefault(Object name, String otherwise) {
        int i = indexOf(name);
        return i >= 0 ? values[i] : otherwise;
    }

    /** Hands each attribute to {@code action} in name order, without the entry set, its iterator and entries. */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
