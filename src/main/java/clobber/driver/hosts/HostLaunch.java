package clobber.driver.hosts;

import clobber.os.SystemCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * How a process is started on host {@code n}: a command template, {@code {n}} filled in, that
 * runs the shell command line given as its last argument there. {@code ssh host{n}} is one (ssh
 * hands its argument to the remote shell); on this machine, each host a network namespace,
 * {@code ip netns exec clobber-h{n} sh -c} is another. One form for both: the command line is
 * always one argument, quoted once, and the template's own words are split on spaces.
 */
public record HostLaunch(String template) {

    /** The hosts of this machine: network namespaces clobber-h1, clobber-h2, ... */
    public static final HostLaunch NAMESPACES = new HostLaunch("ip netns exec clobber-h{n} sh -c");

    public HostLaunch {
        if (template.isBlank()) {
            throw new IllegalArgumentException("--host-cmd is empty");
        }
    }

    /** {@code command}, to be run on host {@code host}. */
    public List<String> command(int host, List<String> command) {
        List<String> words = new ArrayList<>(List.of(template.replace("{n}", Integer.toString(host)).trim().split("\\s+")));
        words.add(String.join(" ", command.stream().map(SystemCommand::shellWord).toList()));
        return words;
    }
}
