# tests/lib/imap.sh - the common start of the IMAP suites: pop3.sh's fixture plus IMAP helpers.
#
#   imap_config FILE NAME [LINE...]     an account NAME over IMAPS trusting the test CA,
#                                       extra config lines after
#   imap_config_bare FILE NAME LINE...  the same account with only the given port/TLS lines
#   imapc ARGS...                     tests/lib/imapc.py: a second client (python3 imaplib)
#   imapc_wait FOLDER REGEX [absent]  until the second client's "subjects FOLDER" matches
#                                     REGEX (or no longer does); 15 s deadline
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }

imap_config_bare() {
	local file=$1 name=$2 line
	shift 2
	{
		printf '[account "%s"]\nprotocol = imap\nhost = 127.0.0.1\n' "$name"
		printf 'user = %s\npassword_command = printf %%s %s\n' "$DOVECOT_USER" "$DOVECOT_PASS"
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$file"
	chmod 600 "$file"
}

imap_config() {
	local file=$1 name=$2
	shift 2
	imap_config_bare "$file" "$name" "port = $DOVECOT_IMAPS_PORT" "ca_file = $DOVECOT_CA" "$@"
}

imapc() {
	python3 "$top_srcdir/tests/lib/imapc.py" "$@"
}

imapc_wait() {
	local deadline=$(( $(date +%s) + 15 )) got
	while [ "$(date +%s)" -le "$deadline" ]; do
		got=$(imapc subjects "$1")
		if [ "${3:-}" = absent ]; then
			echo "$got" | grep -qE "$2" || return 0
		else
			echo "$got" | grep -qE "$2" && return 0
		fi
		sleep 0.2
	done
	diag "$1: $got"
	return 1
}
