#!/bin/sh
# tools/deps.sh - install the Debian 12 packages bote needs: "build" to build and run, "test" adds the test suite's tools.
set -e
what=${1:-build}
build_pkgs="build-essential autoconf automake autopoint gettext pkg-config
	libncurses-dev libssl-dev libgmime-3.0-dev libetpan-dev liblmdb-dev libsasl2-modules
	ca-certificates"
test_pkgs="tmux python3 dovecot-imapd dovecot-pop3d openssl util-linux"
case $what in
build) pkgs=$build_pkgs ;;
test) pkgs="$build_pkgs $test_pkgs" ;;
*) echo "usage: tools/deps.sh build|test" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing:$missing" >&2
$sudo apt-get update -qq
# Dovecot's packages try to start the system service; a test machine does not need it.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
