# netns.sh - run a test script in private network and mount namespaces, for
# tests of code that asks DNS or connects to names: the only network is
# loopback, and /etc/resolv.conf (inside the namespace only) points at a DNS
# server the test starts on 127.0.0.1.  Nothing can leave the machine.
#
#   netns_enter "$@"     first thing in a script: re-runs it in the namespaces
#                        (as root, or mapped to root in a user namespace)
#   netns_resolver       bring loopback up and point the resolver at 127.0.0.1
#
# Needs unshare (util-linux) and ip (iproute2); tools/deps.sh test installs both.

netns_enter() {
	[ -n "$BOTE_IN_NETNS" ] && return 0
	command -v unshare >/dev/null || bail_out "unshare missing (apt-get install util-linux)"
	command -v ip >/dev/null || bail_out "ip missing (apt-get install iproute2)"
	export BOTE_IN_NETNS=1
	if [ "$(id -u)" = 0 ]; then
		exec unshare --mount --net -- bash "$0" "$@"
	fi
	unshare --map-root-user --mount --net true 2>/dev/null ||
		bail_out "cannot make a private network namespace (run as root, or allow user namespaces)"
	exec unshare --map-root-user --mount --net -- bash "$0" "$@"
}

netns_resolver() {
	local conf=$TEST_TMP/resolv.conf
	ip link set lo up || bail_out "cannot bring loopback up in the namespace"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$conf"
	mount --bind "$conf" /etc/resolv.conf ||
		bail_out "cannot point the namespace's resolver at 127.0.0.1"
}
