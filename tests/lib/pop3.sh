# tests/lib/pop3.sh - the common start of the POP3 suites: TAP, a real Dovecot, private state.
#
# Source it from a bash test (top_srcdir set), then:
#   pop3_begin                      temporary dir, Dovecot up, HOME and XDG dirs private,
#                                   everything stopped and removed at exit (pop3_end)
#   pop3_config FILE NAME [LINE...] an account NAME over POP3S trusting the test CA,
#                                   spool $TEST_TMP/spool-NAME, extra config lines after
#   mailgen DIR N [ARGS...]         tests/lib/mailgen.py, files owned as Dovecot wants
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/dovecot.sh" || bail_out "tests/lib/dovecot.sh missing"
: "${BOTE:=$top_srcdir/bote}"

pop3_end() {
	dovecot_stop
	tap_cleanup_tmp
}

pop3_begin() {
	[ -z "$(dovecot_missing)" ] || bail_out "missing: $(dovecot_missing)"
	[ -x "$BOTE" ] || bail_out "no bote binary at $BOTE"
	tap_tmpdir
	trap pop3_end EXIT
	dovecot_start >&2 || bail_out "the dovecot fixture did not start"
	export XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache HOME=$TEST_TMP
}

pop3_config() {
	local file=$1 name=$2 line
	shift 2
	{
		printf '[account "%s"]\nprotocol = pop3\nhost = 127.0.0.1\nport = %s\n' \
			"$name" "$DOVECOT_POP3S_PORT"
		printf 'user = %s\npassword_command = printf %%s %s\n' "$DOVECOT_USER" "$DOVECOT_PASS"
		printf 'ca_file = %s\nspool = %s/spool-%s\n' "$DOVECOT_CA" "$TEST_TMP" "$name"
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$file"
	chmod 600 "$file"
}

mailgen() {
	local owner=
	# As root Dovecot reads mail as nobody; as a user, as that user.
	[ -n "${_DOVECOT_NONROOT:-}" ] || owner="--owner $_DOVECOT_MAIL_UID:$_DOVECOT_MAIL_GID"
	# shellcheck disable=SC2086
	python3 "$top_srcdir/tests/lib/mailgen.py" "$@" $owner
}
