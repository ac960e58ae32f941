#!/bin/sh
# tools/deps.sh - install the Debian 12 packages bote needs: "build" to build and run, "test" adds the test suite's tools, "fuzz" clang and libFuzzer.
set -e
what=${1:-build}
build_pkgs="build-essential autoconf automake autopoint gettext pkg-config
	libncurses-dev libssl-dev libgmime-3.0-dev libetpan-dev liblmdb-dev libsasl2-modules
	ca-certificates"
test_pkgs="tmux python3 dovecot-imapd dovecot-pop3d openssl util-linux iproute2 locales
	ncurses-term strace"
# clang (14 on Debian 12) with libFuzzer's runtime (libclang_rt.fuzzer), for ./configure --enable-fuzz.
fuzz_pkgs="clang libclang-rt-14-dev"
case $what in
build) pkgs=$build_pkgs ;;
test) pkgs="$build_pkgs $test_pkgs" ;;
fuzz) pkgs="$build_pkgs $fuzz_pkgs" ;;
*) echo "usage: tools/deps.sh build|test|fuzz" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "installing:$missing" >&2
	$sudo apt-get update -qq
	# Dovecot's packages try to start the system service; a test machine does not need it.
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The German wizard test runs under de_DE.UTF-8, as German users do.
if [ "$what" = test ] && ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	echo "generating the de_DE.UTF-8 locale" >&2
	$sudo sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
	grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen ||
		echo 'de_DE.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
	$sudo locale-gen >/dev/null
fi
