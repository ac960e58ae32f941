# tests/lib/imap.sh - the common start of the IMAP suites: pop3.sh's fixture plus IMAP helpers.
#
#   imap_config FILE NAME [LINE...]     an account NAME over IMAPS trusting the test CA,
#                                       extra config lines after
#   imap_config_bare FILE NAME LINE...  the same account with only the given port/TLS lines
#   imapc ARGS...                     tests/lib/imapc.py: a second client (python3 imaplib)
#   imapc_wait FOLDER REGEX [absent]  until the second client's "subjects FOLDER" matches
#                                     REGEX (or no longer does); 15 s deadline
#   imap_caps_without CAP...         a DOVECOT_EXTRA_CONF that hides CAPs after login
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

# Dovecot 2.3's post-login capability list without the CAPs named, as a protocol imap block.
imap_caps_without() {
	local all="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY
		THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE
		UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH
		ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE LITERAL+ SPECIAL-USE"
	local c out= drop
	for c in $all; do
		for drop in "$@"; do
			[ "$c" = "$drop" ] && continue 2
		done
		out="$out $c"
	done
	printf 'protocol imap {\n  imap_capability =%s\n}\n' "$out"
}
