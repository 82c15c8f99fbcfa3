package io.opsledger.web.bitblast;

/** BitBlast's integer ids in paths. */
final class BitBlastIds {
    private BitBlastIds() {}

    /** The id, or -1 when the path segment is not a positive integer (such a path names nothing: 404). */
    static long parse(String segment) {
        if (segment == null || segment.isEmpty() || segment.length() > 18 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(segment);
    }
}
