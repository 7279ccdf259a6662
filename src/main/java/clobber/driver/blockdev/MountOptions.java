package clobber.driver.blockdev;

import clobber.os.Mounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mount options as mount(8) takes them ({@code noatime,data=journal}), split as mount(2) wants:
 * the generic ones are flag bits, the rest a string the file system parses itself (and refuses,
 * with EINVAL, when it does not know one).
 */
record MountOptions(long flags, String data) {
    private static final Map<String, Long> FLAGS = Map.ofEntries(
            Map.entry("ro", Mounts.MS_RDONLY), Map.entry("rw", 0L), Map.entry("nosuid", Mounts.MS_NOSUID),
            Map.entry("nodev", Mounts.MS_NODEV), Map.entry("noexec", Mounts.MS_NOEXEC),
            Map.entry("sync", Mounts.MS_SYNCHRONOUS), Map.entry("dirsync", Mounts.MS_DIRSYNC),
            Map.entry("noatime", Mounts.MS_NOATIME), Map.entry("nodiratime", Mounts.MS_NODIRATIME),
            Map.entry("relatime", Mounts.MS_RELATIME), Map.entry("strictatime", Mounts.MS_STRICTATIME),
            Map.entry("lazytime", Mounts.MS_LAZYTIME));

    static MountOptions parse(String options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : options.split(",")) {
            if (option.isBlank()) {
                continue;
            }
            Long flag = FLAGS.get(option);
            if (flag != null) {
                flags |= flag;
            } else {
                data.add(option);
            }
        }
        return new MountOptions(flags, String.join(",", data));
    }

    /** These options and {@code more} (file system options) together. */
    MountOptions with(String more) {
        if (more.isEmpty()) {
            return this;
        }
        return new MountOptions(flags, data.isEmpty() ? more : data + "," + more);
    }
}
