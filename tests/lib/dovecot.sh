# tests/lib/dovecot.sh - a throw-away Dovecot 2.3 for bote's integration tests.
#
# Source this file from a bash test script, then:
#
#   trap dovecot_stop EXIT
#   dovecot_start || exit 1       # private CA, cert, config, free ports
#   dovecot_seed DIR              # DIR/*: INBOX, DIR/Sent/*: Sent, ...
#   ... talk to 127.0.0.1:$DOVECOT_IMAPS_PORT etc. ...
#   dovecot_stop                  # non-zero if the log has Panic/Fatal lines
#
# Everything meant for humans goes to stderr as "# ..." lines (TAP
# diagnostics), so the caller can write TAP on stdout.  The server listens on
# 127.0.0.1 only.  It works as root (services drop to dovenull/dovecot, mail
# is owned by nobody) and as an ordinary user (everything runs as that user).
#
# Environment read:
#   BOTE_TEST_TMP           parent of the private dir (default: mktemp -d)
#   BOTE_KEEP_TMP           if non-empty, dovecot_stop keeps the private dir
#   DOVECOT_START_TIMEOUT   seconds to wait for the listeners (default 10)
#   DOVECOT_SEED_MODE       "maildir" forces the Maildir fallback of seeding
#   DOVECOT_EXTRA_CONF      lines appended to the generated dovecot.conf (a
#                           later setting wins), e.g. "imap_capability = ..."
#                           to hide MOVE or UIDPLUS, or a rawlog_dir;
#                           @DOVECOT_DIR@ stands for the private dir
#   DOVECOT_RAWLOG          if non-empty, every IMAP session's commands and
#                           replies are logged in $DOVECOT_DIR/rawlog
#                           (Dovecot's rawlog_dir: *.in is what clients sent)
#
# Exported by dovecot_start:
#   DOVECOT_DIR DOVECOT_CONF DOVECOT_PID DOVECOT_USER DOVECOT_PASS
#   DOVECOT_IMAP_PORT DOVECOT_IMAPS_PORT DOVECOT_POP3_PORT DOVECOT_POP3S_PORT
#   DOVECOT_CA DOVECOT_CERT_SHA256 DOVECOT_MAILDIR
#
# This file is sourced: it sets no shell options and only defines functions
# (public: dovecot_*, private: _dovecot_*).

DOVECOT_USER=bote
DOVECOT_PASS=bote-test-pw
export DOVECOT_USER DOVECOT_PASS

_dovecot_diag() {
	local line
	for line in "$@"; do
		printf '# %s\n' "$line" >&2
	done
}

# Print a file (or its last N lines) as diagnostics, under a heading.
_dovecot_diag_file() {
	local file=$1 lines=${2:-} heading=${3:-}
	[ -s "$file" ] || return 0
	[ -z "$heading" ] || _dovecot_diag "$heading"
	if [ -n "$lines" ]; then
		tail -n "$lines" "$file"
	else
		cat "$file"
	fi | sed 's/^/#   /' >&2
}

# dovecot is in /usr/sbin, which is not in an ordinary user's PATH on Debian.
_dovecot_find() {
	local name=$1 d
	if command -v "$name" >/dev/null 2>&1; then
		command -v "$name"
		return 0
	fi
	for d in /usr/sbin /sbin /usr/local/sbin /usr/bin /usr/local/bin; do
		if [ -x "$d/$name" ]; then
			printf '%s\n' "$d/$name"
			return 0
		fi
	done
	return 1
}

# The directory holding dovecot's imap and pop3 binaries.
_dovecot_libexec_has() {
	local d
	for d in /usr/lib/dovecot /usr/libexec/dovecot /usr/local/libexec/dovecot; do
		[ -x "$d/$1" ] && return 0
	done
	return 1
}

# dovecot_missing: print what is missing to run the fixture (space-separated
# words among: dovecot dovecot-imapd dovecot-pop3d doveadm python3 openssl),
# or nothing if all is there.  Always returns 0 (safe under set -e).
dovecot_missing() {
	local missing=
	if _dovecot_find dovecot >/dev/null; then
		_dovecot_libexec_has imap || missing="$missing dovecot-imapd"
		_dovecot_libexec_has pop3 || missing="$missing dovecot-pop3d"
	else
		missing="$missing dovecot"
	fi
	_dovecot_find doveadm >/dev/null || missing="$missing doveadm"
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
	command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
	missing=${missing# }
	[ -z "$missing" ] || printf '%s\n' "$missing"
	return 0
}

# True if pid is running (a zombie counts as gone).
_dovecot_alive() {
	local pid=$1 stat
	kill -0 "$pid" 2>/dev/null || return 1
	if [ -r "/proc/$pid/stat" ]; then
		read -r stat <"/proc/$pid/stat" 2>/dev/null || return 1
		stat=${stat##*) }
		case $stat in Z* | X*) return 1 ;; esac
	fi
	return 0
}

# Pids of the processes of the instance named $1 with config $2: the
# master ("dovecot -F -c CONF") and its children (Dovecot 2.3 titles them
# "dovecot-INSTANCE/service").  Linux /proc; prints nothing elsewhere.
_dovecot_instance_pids() {
	local inst=$1 conf=$2 p args
	[ -n "$inst" ] && [ -n "$conf" ] || return 0
	for p in /proc/[0-9]*; do
		args=()
		mapfile -d '' args <"$p/cmdline" 2>/dev/null || continue
		[ "${#args[@]}" -gt 0 ] || continue
		case ${args[0]} in
		"dovecot-$inst/"*) printf '%s\n' "${p#/proc/}" ;;
		*/dovecot | dovecot)
			if [ "${args[*]:1}" = "-F -c $conf" ]; then
				printf '%s\n' "${p#/proc/}"
			fi
			;;
		esac
	done
	return 0
}

# A directory may hold the private dir if its absolute path is plain
# (Dovecot's config syntax and %-expansion) and, as root, every component is
# searchable by others (mail runs as nobody, logins as dovenull, auth as
# dovecot).  Prints the absolute path.
_dovecot_dir_usable() {
	local d
	[ -d "$1" ] && [ -w "$1" ] || return 1
	d=$(cd "$1" && pwd -P) || return 1
	case $d in
	*[!A-Za-z0-9/._+-]*) return 1 ;;
	esac
	printf '%s\n' "$d"
	[ "$(id -u)" = 0 ] || return 0
	while :; do
		[ -n "$(find "$d" -maxdepth 0 -perm -0001 2>/dev/null)" ] || return 1
		[ "$d" = / ] && return 0
		d=$(dirname "$d")
	done
}

_dovecot_make_dir() {
	local parent abs
	for parent in ${BOTE_TEST_TMP:+"$BOTE_TEST_TMP"} "${TMPDIR:-/tmp}" /tmp; do
		if abs=$(_dovecot_dir_usable "$parent"); then
			if [ -n "${BOTE_TEST_TMP:-}" ] && [ "$parent" != "$BOTE_TEST_TMP" ]; then
				_dovecot_diag "BOTE_TEST_TMP=$BOTE_TEST_TMP is unusable for dovecot (needs a plain path, searchable by others when root); using $abs"
			fi
			mktemp -d "$abs/bote-dovecot.XXXXXX"
			return
		fi
	done
	_dovecot_diag "no usable temporary directory for dovecot"
	return 1
}

# Print four free TCP ports on 127.0.0.1.
_dovecot_pick_ports() {
	python3 -c '
import socket
socks = []
for _ in range(4):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
'
}

# Wait until the four listeners accept connections (the plain ones must
# also send their greeting).  Exit 0 ready, 1 timeout, 2 dovecot died.
_dovecot_wait_ready() {
	python3 - "$@" <<'PY'
import os, socket, sys, time
pid, timeout = int(sys.argv[1]), float(sys.argv[2])
want = {}  # port -> expected greeting prefix (b"" = just connect)
for spec in sys.argv[3:]:
    port, greet = spec.split(":", 1)
    want[int(port)] = greet.encode()
deadline = time.monotonic() + timeout

def alive():
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except OSError:
        return True

def ready(port, greet):
    left = deadline - time.monotonic()
    if left <= 0:
        return False
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=min(left, 1.0)) as s:
            if not greet:
                return True
            s.settimeout(max(0.1, min(deadline - time.monotonic(), 0.5)))
            data = b""
            while b"\n" not in data:
                chunk = s.recv(512)
                if not chunk:
                    return False
                data += chunk
            return data.startswith(greet)
    except OSError:
        return False

while True:
    if not alive():
        sys.exit(2)
    for port in list(want):
        if ready(port, want[port]):
            del want[port]
    if not want:
        sys.exit(0)
    if time.monotonic() >= deadline:
        print("# still not accepting: %s" % " ".join(map(str, sorted(want))), file=sys.stderr)
        sys.exit(1)
    time.sleep(0.1)
PY
}

_dovecot_make_certs() {
	local ssl=$1 out=$1/openssl.out
	mkdir -p "$ssl" || return 1
	cat >"$ssl/openssl.cnf" <<'EOF'
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = localhost
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
	if ! (
		umask 077
		openssl req -x509 -config "$ssl/openssl.cnf" -extensions v3_ca \
			-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-days 1 -subj "/O=bote tests/CN=bote throw-away test CA" \
			-keyout "$ssl/ca.key" -out "$ssl/ca.pem" &&
			openssl req -new -config "$ssl/openssl.cnf" \
				-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
				-subj "/CN=localhost" \
				-keyout "$ssl/server.key" -out "$ssl/server.csr" &&
			openssl x509 -req -in "$ssl/server.csr" -days 1 \
				-CA "$ssl/ca.pem" -CAkey "$ssl/ca.key" \
				-CAserial "$ssl/ca.srl" -CAcreateserial \
				-extfile "$ssl/openssl.cnf" -extensions v3_server \
				-out "$ssl/server.pem"
	) >"$out" 2>&1; then
		_dovecot_diag "creating the test CA and certificate failed"
		_dovecot_diag_file "$out" 20 "openssl said:"
		return 1
	fi
	chmod 644 "$ssl/ca.pem" "$ssl/server.pem"
}

# sha256:AA:BB:... of the DER certificate in $1.
_dovecot_fingerprint() {
	local fp
	fp=$(openssl x509 -noout -fingerprint -sha256 -in "$1") || return 1
	fp=${fp#*=}
	printf 'sha256:%s\n' "$fp"
}

# _dovecot_write_conf IMAP IMAPS POP3 POP3S
_dovecot_write_conf() {
	local dir=$DOVECOT_DIR
	local first_gid=1
	[ "$_DOVECOT_MAIL_GID" -ge 1 ] || first_gid=0
	cat >"$DOVECOT_CONF" <<EOF
# Generated by bote tests/lib/dovecot.sh: a throw-away Dovecot 2.3 on
# 127.0.0.1 for integration tests.  Do not use for anything else.
instance_name = $_DOVECOT_INSTANCE
base_dir = $dir/run
state_dir = $dir/state
protocols = imap pop3
listen = 127.0.0.1
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
debug_log_path = $dir/dovecot.log
login_greeting = bote test Dovecot ready.

auth_verbose = yes
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 apop scram-sha-1 scram-sha-256 digest-md5
auth_failure_delay = 0

ssl = yes
ssl_cert = <$dir/ssl/server.pem
ssl_key = <$dir/ssl/server.key
ssl_min_protocol = TLSv1.2

mail_location = maildir:~/Maildir
mail_uid = $_DOVECOT_MAIL_UID
mail_gid = $_DOVECOT_MAIL_GID
first_valid_uid = 1
first_valid_gid = $first_gid
default_login_user = $_DOVECOT_LOGIN_USER
default_internal_user = $_DOVECOT_INTERNAL_USER
mail_plugins =

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/passwd
}

service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $1
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $2
    ssl = yes
  }
}
service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = $3
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = $4
    ssl = yes
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \Archive
    auto = subscribe
  }
}
EOF
	if [ -n "$_DOVECOT_NONROOT" ]; then
		# Running as an ordinary user: no service may switch users.
		cat >>"$DOVECOT_CONF" <<EOF

default_internal_group = $(id -gn)
service auth-worker {
  user = \$default_internal_user
}
EOF
	fi
	if [ -n "${DOVECOT_RAWLOG:-}" ]; then
		printf '\nrawlog_dir = %s/rawlog\n' "$dir" >>"$DOVECOT_CONF"
	fi
	if [ -n "$_DOVECOT_ZLIB" ]; then
		# COMPRESS=DEFLATE, for tests of bote's handling of it.
		cat >>"$DOVECOT_CONF" <<'EOF'

protocol imap {
  mail_plugins = $mail_plugins imap_zlib
}
EOF
	fi
	if [ -n "${DOVECOT_EXTRA_CONF:-}" ]; then
		printf '\n# DOVECOT_EXTRA_CONF\n%s\n' "${DOVECOT_EXTRA_CONF//@DOVECOT_DIR@/$dir}" \
			>>"$DOVECOT_CONF"
	fi
}

# dovecot_start: see the top of this file.
dovecot_start() {
	local version attempt ports rc dir uid u plugdir missing

	if [ -n "${DOVECOT_PID:-}" ] && _dovecot_alive "$DOVECOT_PID"; then
		_dovecot_diag "dovecot_start: already running (pid $DOVECOT_PID)"
		return 1
	fi
	missing=$(dovecot_missing)
	if [ -n "$missing" ]; then
		_dovecot_diag "dovecot_start: missing: $missing (apt-get install dovecot-imapd dovecot-pop3d python3 openssl)"
		return 1
	fi
	_DOVECOT_BIN=$(_dovecot_find dovecot)
	_DOVECOT_DOVEADM=$(_dovecot_find doveadm)
	version=$("$_DOVECOT_BIN" --version 2>&1) || version=
	version=${version%% *}
	case $version in
	2.3.*) ;;
	2.4* | 2.[5-9]* | [3-9].*)
		_dovecot_diag "dovecot 2.4 config not supported yet (found dovecot $version)"
		return 1
		;;
	*)
		_dovecot_diag "dovecot_start: unsupported dovecot version '$version' (need 2.3)"
		return 1
		;;
	esac

	uid=$(id -u)
	if [ "$uid" = 0 ]; then
		_DOVECOT_NONROOT=
		_DOVECOT_LOGIN_USER=dovenull
		_DOVECOT_INTERNAL_USER=dovecot
		for u in dovenull dovecot nobody; do
			if ! id "$u" >/dev/null 2>&1; then
				_dovecot_diag "dovecot_start: running as root needs the system user '$u' (dovecot-core creates dovenull and dovecot)"
				return 1
			fi
		done
		_DOVECOT_MAIL_UID=$(id -u nobody)
		_DOVECOT_MAIL_GID=$(id -g nobody)
	else
		_DOVECOT_NONROOT=1
		_DOVECOT_LOGIN_USER=$(id -un)
		_DOVECOT_INTERNAL_USER=$_DOVECOT_LOGIN_USER
		_DOVECOT_MAIL_UID=$uid
		_DOVECOT_MAIL_GID=$(id -g)
	fi
	_DOVECOT_INSTANCE="bote-test-$$-${RANDOM}${RANDOM}"

	dir=$(_dovecot_make_dir) || return 1
	: >"$dir/.bote-dovecot-fixture"
	chmod 755 "$dir"
	DOVECOT_DIR=$dir
	DOVECOT_CONF=$dir/dovecot.conf
	DOVECOT_CA=$dir/ssl/ca.pem
	DOVECOT_MAILDIR=$dir/home/$DOVECOT_USER/Maildir
	DOVECOT_PID=
	export DOVECOT_DIR DOVECOT_CONF DOVECOT_CA DOVECOT_MAILDIR DOVECOT_PID

	if ! _dovecot_make_certs "$dir/ssl"; then
		_dovecot_cleanup_failed_start
		return 1
	fi
	DOVECOT_CERT_SHA256=$(_dovecot_fingerprint "$dir/ssl/server.pem") || {
		_dovecot_cleanup_failed_start
		return 1
	}
	export DOVECOT_CERT_SHA256

	printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$DOVECOT_USER" "$DOVECOT_PASS" \
		"$_DOVECOT_MAIL_UID" "$_DOVECOT_MAIL_GID" "$dir/home/$DOVECOT_USER" \
		>"$dir/passwd"
	chmod 644 "$dir/passwd"
	mkdir -p "$DOVECOT_MAILDIR/cur" "$DOVECOT_MAILDIR/new" "$DOVECOT_MAILDIR/tmp"
	chmod 700 "$dir/home/$DOVECOT_USER" "$DOVECOT_MAILDIR"
	mkdir -p "$dir/rawlog"
	if [ -z "$_DOVECOT_NONROOT" ]; then
		chown -R "$_DOVECOT_MAIL_UID:$_DOVECOT_MAIL_GID" "$dir/home/$DOVECOT_USER" "$dir/rawlog"
	fi

	# imap_zlib only if this build has it (first write the config without it
	# so doveconf can tell where the plugins are).
	_DOVECOT_ZLIB=
	_dovecot_write_conf 1 2 3 4
	plugdir=$(_dovecot_find doveconf >/dev/null && "$(_dovecot_find doveconf)" -c "$DOVECOT_CONF" -h mail_plugin_dir 2>/dev/null) || plugdir=
	if [ -n "$plugdir" ] && [ -e "$plugdir/lib30_imap_zlib_plugin.so" ]; then
		_DOVECOT_ZLIB=1
	fi

	attempt=1
	while :; do
		ports=$(_dovecot_pick_ports) || {
			_dovecot_diag "dovecot_start: could not pick free ports (python3)"
			_dovecot_cleanup_failed_start
			return 1
		}
		# shellcheck disable=SC2086
		set -- $ports
		DOVECOT_IMAP_PORT=$1 DOVECOT_IMAPS_PORT=$2
		DOVECOT_POP3_PORT=$3 DOVECOT_POP3S_PORT=$4
		export DOVECOT_IMAP_PORT DOVECOT_IMAPS_PORT DOVECOT_POP3_PORT DOVECOT_POP3S_PORT
		_dovecot_write_conf "$@"

		"$_DOVECOT_BIN" -F -c "$DOVECOT_CONF" </dev/null >>"$dir/dovecot.out" 2>&1 &
		DOVECOT_PID=$!
		export DOVECOT_PID

		rc=0
		_dovecot_wait_ready "$DOVECOT_PID" "${DOVECOT_START_TIMEOUT:-10}" \
			"$1:* OK" "$2:" "$3:+OK" "$4:" || rc=$?
		if [ "$rc" = 0 ]; then
			_dovecot_diag "dovecot $version (pid $DOVECOT_PID) in $dir: imap $1, imaps $2, pop3 $3, pop3s $4"
			return 0
		fi
		if [ "$rc" = 2 ] && [ "$attempt" -lt 5 ] &&
			grep -q 'Address already in use' "$dir/dovecot.log" "$dir/dovecot.out" 2>/dev/null; then
			_dovecot_diag "dovecot_start: port clash on attempt $attempt, retrying with other ports"
			wait "$DOVECOT_PID" 2>/dev/null || :
			DOVECOT_PID=
			mv -f "$dir/dovecot.log" "$dir/dovecot.log.clash$attempt" 2>/dev/null || :
			mv -f "$dir/dovecot.out" "$dir/dovecot.out.clash$attempt" 2>/dev/null || :
			attempt=$((attempt + 1))
			continue
		fi
		if [ "$rc" = 2 ]; then
			_dovecot_diag "dovecot_start: dovecot exited during start-up"
		else
			_dovecot_diag "dovecot_start: dovecot not ready after ${DOVECOT_START_TIMEOUT:-10} s"
		fi
		_dovecot_diag_file "$dir/dovecot.out" 20 "dovecot stdout/stderr:"
		_dovecot_diag_file "$dir/dovecot.log" 30 "tail of $dir/dovecot.log:"
		_dovecot_cleanup_failed_start
		return 1
	done
}

_dovecot_cleanup_failed_start() {
	local keep=${BOTE_KEEP_TMP:-}
	_dovecot_kill >/dev/null 2>&1 || :
	if [ -n "$keep" ]; then
		_dovecot_diag "keeping $DOVECOT_DIR (BOTE_KEEP_TMP)"
	else
		_dovecot_rmdir "$DOVECOT_DIR"
	fi
	DOVECOT_PID=''
	DOVECOT_DIR=''
}

_dovecot_rmdir() {
	local dir=$1
	# Only ever remove a directory this library created.
	if [ -n "$dir" ] && [ -e "$dir/.bote-dovecot-fixture" ]; then
		rm -rf "$dir" || :
	fi
	return 0
}

# Stop the master (TERM, KILL after 5 s) and wait until every process of
# the instance is gone.  Returns 1 if KILL was needed.
_dovecot_kill() {
	local pid=${DOVECOT_PID:-} i rc=0 left p
	if [ -z "$pid" ]; then
		# Interrupted between fork and recording the pid: find the master.
		for p in $(_dovecot_instance_pids "${_DOVECOT_INSTANCE:-}" "${DOVECOT_CONF:-}"); do
			[ "$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')" = "$$" ] && pid=$p
		done
	fi
	if [ -n "$pid" ] && _dovecot_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || :
		i=0
		while _dovecot_alive "$pid" && [ "$i" -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		if _dovecot_alive "$pid"; then
			_dovecot_diag "dovecot (pid $pid) ignored SIGTERM for 5 s, sending SIGKILL"
			kill -KILL "$pid" 2>/dev/null || :
			rc=1
		fi
	fi
	if [ -n "$pid" ]; then
		wait "$pid" 2>/dev/null || :
	fi
	# The master takes its children down with it; give them a moment.
	i=0
	while left=$(_dovecot_instance_pids "${_DOVECOT_INSTANCE:-}" "${DOVECOT_CONF:-}") &&
		[ -n "$left" ]; do
		if [ "$i" -ge 30 ]; then
			_dovecot_diag "dovecot processes left behind, killing: ${left//$'\n'/ }"
			# shellcheck disable=SC2086
			kill -KILL $left 2>/dev/null || :
			rc=1
			# Their listening sockets stay bound until they are really gone.
			i=0
			while [ -n "$(_dovecot_instance_pids "${_DOVECOT_INSTANCE:-}" "${DOVECOT_CONF:-}")" ] &&
				[ "$i" -lt 30 ]; do
				sleep 0.1
				i=$((i + 1))
			done
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return "$rc"
}

# dovecot_stop: see the top of this file.  Safe to call twice.
dovecot_stop() {
	local rc=0 dir=${DOVECOT_DIR:-} bad
	[ -n "$dir" ] || [ -n "${DOVECOT_PID:-}" ] || return 0
	_dovecot_kill || rc=1
	DOVECOT_PID=
	if [ -n "$dir" ]; then
		bad=$(grep -hE '(Panic|Fatal): ' "$dir/dovecot.log" "$dir/dovecot.out" 2>/dev/null || :)
		if [ -n "$bad" ]; then
			_dovecot_diag "dovecot log has Panic/Fatal lines:"
			printf '%s\n' "$bad" | sed 's/^/#   /' >&2
			rc=1
		fi
		if [ -n "${BOTE_KEEP_TMP:-}" ]; then
			_dovecot_diag "keeping $dir (BOTE_KEEP_TMP)"
		else
			_dovecot_rmdir "$dir"
		fi
	fi
	DOVECOT_DIR=
	return "$rc"
}

# dovecot_pause: kill the server (every connection drops) but keep its
# directory, mail and ports; dovecot_resume starts it again on them.
dovecot_pause() {
	_dovecot_kill
	DOVECOT_PID=
}

dovecot_resume() {
	local try
	# A port of the old instance may still be held for a moment by a dying
	# child ("Failed to start listeners"): try again rather than fail.
	for try in 1 2 3 4 5; do
		"$_DOVECOT_BIN" -F -c "$DOVECOT_CONF" </dev/null >>"$DOVECOT_DIR/dovecot.out" 2>&1 &
		DOVECOT_PID=$!
		export DOVECOT_PID
		_dovecot_wait_ready "$DOVECOT_PID" "${DOVECOT_START_TIMEOUT:-10}" \
			"$DOVECOT_IMAP_PORT:* OK" "$DOVECOT_IMAPS_PORT:" "$DOVECOT_POP3_PORT:+OK" \
			"$DOVECOT_POP3S_PORT:" && return 0
		_dovecot_kill
		sleep "$try"
	done
	return 1
}

# dovecot_doveadm ARGS...: doveadm on the private instance.
dovecot_doveadm() {
	if [ -z "${DOVECOT_CONF:-}" ] || [ -z "${DOVECOT_DIR:-}" ]; then
		_dovecot_diag "dovecot_doveadm: fixture not started"
		return 1
	fi
	"${_DOVECOT_DOVEADM:-doveadm}" -c "$DOVECOT_CONF" "$@"
}

# Write FILE into FOLDER directly as a Maildir++ file (no Dovecot involved).
_dovecot_seed_maildir() {
	local folder=$1 file=$2 md name
	md=$DOVECOT_MAILDIR
	case $folder in
	INBOX | inbox) ;;
	*)
		md=$md/.$(printf '%s' "$folder" | tr / .)
		;;
	esac
	mkdir -p "$md/cur" "$md/new" "$md/tmp" || return 1
	[ "$md" = "$DOVECOT_MAILDIR" ] || : >"$md/maildirfolder"
	_DOVECOT_SEQ=$((${_DOVECOT_SEQ:-0} + 1))
	name="$(date +%s).M${_DOVECOT_SEQ}P$$.bote-test,S=$(wc -c <"$file" | tr -d ' ')"
	cp "$file" "$md/tmp/$name" && mv "$md/tmp/$name" "$md/new/$name" || return 1
	if [ -z "${_DOVECOT_NONROOT:-}" ]; then
		chown -R "$_DOVECOT_MAIL_UID:$_DOVECOT_MAIL_GID" "$DOVECOT_DIR/home/$DOVECOT_USER"
	fi
}

# dovecot_seed_file FOLDER FILE: deliver one RFC 822 message.
dovecot_seed_file() {
	local folder=${1:-} file=${2:-} err
	if [ -z "$folder" ] || [ -z "$file" ]; then
		_dovecot_diag "usage: dovecot_seed_file FOLDER FILE"
		return 1
	fi
	if [ -z "${DOVECOT_DIR:-}" ]; then
		_dovecot_diag "dovecot_seed_file: fixture not started"
		return 1
	fi
	if [ ! -f "$file" ] || [ ! -r "$file" ]; then
		_dovecot_diag "dovecot_seed_file: cannot read $file"
		return 1
	fi
	if [ "${DOVECOT_SEED_MODE:-}" != maildir ]; then
		if err=$(dovecot_doveadm save -u "$DOVECOT_USER" -m "$folder" <"$file" 2>&1); then
			return 0
		fi
		case $err in
		*"doesn't exist"*)
			# A new folder: create (and subscribe) it, then save again.
			if err=$(dovecot_doveadm mailbox create -s -u "$DOVECOT_USER" "$folder" 2>&1) &&
				err=$(dovecot_doveadm save -u "$DOVECOT_USER" -m "$folder" <"$file" 2>&1); then
				return 0
			fi
			;;
		esac
		_dovecot_diag "doveadm save -m $folder failed, writing the Maildir file directly:"
		printf '%s\n' "$err" | sed 's/^/#   /' >&2
	fi
	_dovecot_seed_maildir "$folder" "$file"
}

# dovecot_seed DIR: DIR/* go to INBOX, DIR/Sent/* to Sent, DIR/A/B/* to A/B
# (files in name order; names starting with "." are skipped).
dovecot_seed() {
	local src=${1:-} f rel folder n=0 rc=0
	src=${src%/}
	if [ ! -d "$src" ]; then
		_dovecot_diag "dovecot_seed: $src is not a directory"
		return 1
	fi
	while IFS= read -r rel; do
		[ -n "$rel" ] || continue
		rel=${rel#./}
		f=$src/$rel
		case $rel in
		*/*) folder=${rel%/*} ;;
		*) folder=INBOX ;;
		esac
		if dovecot_seed_file "$folder" "$f"; then
			n=$((n + 1))
		else
			rc=1
		fi
	done <<EOF
$(cd "$src" && find . -type f ! -path '*/.*' | LC_ALL=C sort)
EOF
	_dovecot_diag "seeded $n message(s) from $src"
	return "$rc"
}
