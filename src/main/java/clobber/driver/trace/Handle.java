package clobber.driver.trace;

/**
 * A descriptor as the replay knows it: {@code description}, the open file description it refers
 * to (shared by dup and fork, the owner of flock and OFD locks); {@code inode}, the file, numbered
 * by the replay in the order it met the files; {@code path}, the name it was opened by;
 * {@code process}, the process (thread group) that used it, the owner of POSIX record locks.
 */
public record Handle(int description, int inode, String path, boolean directory, int process, int fd) {}
