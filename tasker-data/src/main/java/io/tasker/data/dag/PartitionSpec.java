package io.tasker.data.dag;

import io.tasker.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a dataset is cut into partitions, and the keys that exist: {@code daily} ({@code 2026-11-01}), {@code hourly}
 * ({@code 2026-11-01T13}), {@code range} (inclusive integer ranges such as {@code 0-999}) or {@code static} (listed
 * keys). Keys name directories, so they are restricted to letters, digits and {@code _ . = -}.
 */
public sealed interface PartitionSpec {

    Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}");
    /** The most keys one listing or backfill enumerates. */
    int MAX_KEYS = 100_000;
    DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

    static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.contains("..");
    }

    ObjectNode toJson();

    /** Whether {@code key} is a partition of this spec (whatever the time now). */
    boolean contains(String key);

    /** Every key from the first to the one holding {@code now} (time kinds) or to the end, at most {@code limit}. */
    List<String> keys(Instant now, int limit);

    /** The keys from {@code from} to {@code to} inclusive, in order; both must be keys of this spec. */
    default List<String> between(String from, String to, Instant now) {
        List<String> keys = new ArrayList<>();
        boolean inside = false;
        for (String key : keys(now, MAX_KEYS)) {
            inside |= key.equals(from);
            if (inside) {
                keys.add(key);
            }
            if (key.equals(to)) {
                break;
            }
        }
        return keys;
    }

    /** The partitions a cron tick at {@code tick} materialises. */
    List<String> keysAtTick(Instant tick);

    record Daily(LocalDate start, Optional<LocalDate> end) implements PartitionSpec {
        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.object().put("kind", "daily").put("start", start.toString());
            end.ifPresent(e -> json.put("end", e.toString()));
            return json;
        }

        @Override
        public boolean contains(String key) {
            try {
                LocalDate day = LocalDate.parse(key);
                return day.toString().equals(key) && !day.isBefore(start) && end.map(e -> !day.isAfter(e)).orElse(true);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public List<String> keys(Instant now, int limit) {
            LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (end.isPresent() && end.get().isBefore(last)) {
                last = end.get();
            }
            List<String> keys = new ArrayList<>();
            for (LocalDate d = start; !d.isAfter(last) && keys.size() < limit; d = d.plusDays(1)) {
                keys.add(d.toString());
            }
            return keys;
        }

        @Override
        public List<String> keysAtTick(Instant tick) {
            String key = LocalDate.ofInstant(tick, ZoneOffset.UTC).toString();
            return contains(key) ? List.of(key) : List.of();
        }
    }

    record Hourly(LocalDateTime start, Optional<LocalDateTime> end) implements PartitionSpec {
        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.object().put("kind", "hourly").put("start", HOUR.format(start));
            end.ifPresent(e -> json.put("end", HOUR.format(e)));
            return json;
        }

        @Override
        public boolean contains(String key) {
            try {
                LocalDateTime hour = LocalDateTime.parse(key, HOUR);
                return !hour.isBefore(start) && end.map(e -> !hour.isAfter(e)).orElse(true);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public List<String> keys(Instant now, int limit) {
            LocalDateTime last = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
            if (end.isPresent() && end.get().isBefore(last)) {
                last = end.get();
            }
            List<String> keys = new ArrayList<>();
            for (LocalDateTime h = start; !h.isAfter(last) && keys.size() < limit; h = h.plusHours(1)) {
                keys.add(HOUR.format(h));
            }
            return keys;
        }

        @Override
        public List<String> keysAtTick(Instant tick) {
            String key = HOUR.format(LocalDateTime.ofInstant(tick, ZoneOffset.UTC));
            return contains(key) ? List.of(key) : List.of();
        }
    }

    /** Inclusive ranges {@code start-(start+size-1)}, ..., the last one ending at {@code end}. */
    record Range(long start, long end, long size) implements PartitionSpec {
        @Override
        public ObjectNode toJson() {
            return Json.object().put("kind", "range").put("start", start).put("end", end).put("size", size);
        }

        @Override
        public boolean contains(String key) {
            int dash = key.indexOf('-', 1);
            try {
                long from = Long.parseLong(key.substring(0, dash));
                long to = Long.parseLong(key.substring(dash + 1));
                return from >= start && from <= end && (from - start) % size == 0
                        && to == Math.min(end, from + size - 1) && key.equals(from + "-" + to);
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public List<String> keys(Instant now, int limit) {
            List<String> keys = new ArrayList<>();
            for (long from = start; from <= end && keys.size() < limit; from += size) {
                keys.add(from + "-" + Math.min(end, from + size - 1));
            }
            return keys;
        }

        @Override
        public List<String> keysAtTick(Instant tick) {
            return keys(tick, MAX_KEYS);
        }
    }

    record Static(List<String> keyList) implements PartitionSpec {
        public Static {
            keyList = List.copyOf(keyList);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.object().put("kind", "static");
            ArrayNode keys = json.putArray("keys");
            keyList.forEach(keys::add);
            return json;
        }

        @Override
        public boolean contains(String key) {
            return keyList.contains(key);
        }

        @Override
        public List<String> keys(Instant now, int limit) {
            return keyList.size() <= limit ? keyList : keyList.subList(0, limit);
        }

        @Override
        public List<String> keysAtTick(Instant tick) {
            return keyList;
        }
    }
}
