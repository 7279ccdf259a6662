package clobber.driver.blockdev;

/**
 * A real file system as {@code --fs} names it: {@code ext4}, {@code ext4:noauto_da_alloc},
 * {@code ext4:data=journal,commit=1}, {@code xfs}, {@code btrfs}: the kind, then after a colon
 * the mount options, as mount(8) takes them.
 */
public record FsSpec(FsKind kind, String mountOptions) {

    public FsSpec {
        if (mountOptions.contains(" ")) {
            throw new IllegalArgumentException("mount options are separated by commas, not spaces: '" + mountOptions + "'");
        }
    }

    /** Parses {@code kind[:options]}; a bad name is an IllegalArgumentException that says what is allowed. */
    public static FsSpec parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        return new FsSpec(FsKind.named(kind), colon < 0 ? "" : text.substring(colon + 1));
    }

    MountOptions options() {
        return MountOptions.parse(mountOptions);
    }

    @Override
    public String toString() {
        return kind.type() + (mountOptions.isEmpty() ? "" : ":" + mountOptions);
    }
}
