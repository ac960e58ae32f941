#!/bin/bash
# t_setup_discover.sh - the wizard finds a provider's servers on the network:
# the provider's autoconfig file over verified HTTPS (autoconfig.DOMAIN and
# DOMAIN/.well-known), RFC 6186 SRV records, the usual names in DNS, and a
# plain guess when nothing answers.  Hostile answers (escape sequences,
# shell characters, a certificate for another name) are never taken, a
# server outside the domain is pointed out, and Esc skips a silent DNS.
#
# Runs in private network and mount namespaces (tests/lib/netns.sh) with a
# DNS and an HTTPS server on the namespace's own 127.0.0.1.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/netns.sh"
netns_enter "$@"
tui_begin
trap 'tmux_stop; kill "$servers" 2>/dev/null; tap_cleanup_tmp' EXIT
netns_resolver
command -v openssl >/dev/null || bail_out "openssl missing (apt-get install openssl)"

# A throw-away CA and one certificate for the hosts that serve autoconfig files.
ssl=$TEST_TMP/ssl
mkdir "$ssl"
cat >"$ssl/ext.cnf" <<'EOF'
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:autoconfig.example.test, DNS:well.test, DNS:autoconfig.evil.test
EOF
(
	umask 077
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
		-subj "/CN=bote discovery test CA" -keyout "$ssl/ca.key" -out "$ssl/ca.pem" &&
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-subj "/CN=autoconfig.example.test" -keyout "$ssl/srv.key" -out "$ssl/srv.csr" &&
		openssl x509 -req -in "$ssl/srv.csr" -days 1 -CA "$ssl/ca.pem" -CAkey "$ssl/ca.key" \
			-CAcreateserial -extfile "$ssl/ext.cnf" -out "$ssl/srv.pem"
) >"$ssl/openssl.out" 2>&1 || bail_out "creating the test certificates failed"

python3 - "$TEST_TMP/zone.json" <<'EOF'
import json, sys
imap_pop = ('<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="%s">'
    '<incomingServer type="imap"><hostname>%s</hostname><port>%d</port>'
    '<socketType>%s</socketType><username>%s</username></incomingServer>'
    '<incomingServer type="pop3"><hostname>%s</hostname><port>%d</port>'
    '<socketType>%s</socketType><username>%s</username></incomingServer>'
    '</emailProvider></clientConfig>')
zone = {
    "A": {
        "autoconfig.example.test": "127.0.0.1",
        "well.test": "127.0.0.1",
        "autoconfig.badcert.test": "127.0.0.1",
        "autoconfig.evil.test": "127.0.0.1",
        "mail.guess.test": "127.0.0.1",
    },
    "SRV": {
        "_imaps._tcp.srv.test": [[0, 0, 0, "."]],
        "_imap._tcp.srv.test": [[10, 0, 143, "backup.srv.test"], [0, 5, 1143, "imap.srv.test"]],
        "_pop3s._tcp.srv.test": [[0, 0, 995, "pop.elsewhere.test"]],
        "_imaps._tcp.evil.test": [[0, 0, 993, "x\x1b[2J.evil.test"]],
    },
    "silent": ["autoconfig.slow.test", "slow.test", "_imaps._tcp.slow.test",
               "_imap._tcp.slow.test", "_pop3s._tcp.slow.test", "_pop3._tcp.slow.test",
               "imap.slow.test", "mail.slow.test", "pop.slow.test", "pop3.slow.test"],
    "https": {
        "autoconfig.example.test /mail/config-v1.1.xml": imap_pop % (
            "example.test", "mail.example.test", 10993, "SSL", "%EMAILLOCALPART%",
            "pop.example.test", 995, "SSL", "%EMAILADDRESS%"),
        "well.test /.well-known/autoconfig/mail/config-v1.1.xml": imap_pop % (
            "well.test", "imap.well.test", 993, "SSL", "%EMAILADDRESS%",
            "pop.well.test", 10110, "STARTTLS", "%EMAILADDRESS%"),
        "autoconfig.badcert.test /mail/config-v1.1.xml": imap_pop % (
            "badcert.test", "phish.badcert.test", 993, "SSL", "%EMAILADDRESS%",
            "phish.badcert.test", 995, "SSL", "%EMAILADDRESS%"),
        "autoconfig.evil.test /mail/config-v1.1.xml": imap_pop % (
            "evil.test", "mail.evil.test;touch /tmp/pwned", 993, "SSL", "%EMAILADDRESS%",
            "pop\x1b]0;pwned\x07.evil.test", 995, "SSL", "%EMAILADDRESS%"),
    },
}
json.dump(zone, open(sys.argv[1], "w"))
EOF
log=$TEST_TMP/lookups.log
python3 "$top_srcdir/tests/lib/discovery_servers.py" "$TEST_TMP/zone.json" "$ssl/srv.pem" \
	"$ssl/srv.key" "$log" 2>"$TEST_TMP/servers.err" &
servers=$!
for _ in $(seq 100); do grep -q READY "$log" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$log" 2>/dev/null || bail_out "the DNS and HTTPS servers did not start"

# The test CA is the trust store bote sees; nothing else is trusted here.
env="HOME=$TEST_TMP XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache XDG_CONFIG_HOME=$TEST_TMP/config TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR SSL_CERT_FILE=$ssl/ca.pem SSL_CERT_DIR=$TEST_TMP/nocerts"

# walk EMAIL i|p: through the wizard's first screens to the server lookup.
walk() {
	tmux_start 120 30 "$env $BOTE -F $TEST_TMP/config.ini setup"
	tmux_wait_for "Account name:" || bail_out "the wizard did not start"
	tmux_send Enter
	tmux_wait_for "E-mail address:"
	tmux_send_text "$1"
	tmux_send Enter
	tmux_wait_for "IMAP or POP3?"
	tmux_send Enter
	for q in "more than one device" "without a network" "space on your mail server" "backed up"; do
		tmux_wait_for "$q"
		tmux_send n
	done
	tmux_wait_for "Recommended:"
	tmux_send "$2"
}

leave() {
	tmux_send Escape
	tmux_wait_exit 10 >/dev/null
	tmux_stop
}

# --- the provider's autoconfig file at autoconfig.DOMAIN -------------------
walk anna@example.test i
tmux_wait_for "IMAP server: mail.example.test" 20
ok $? "autoconfig.example.test names the IMAP server"
tmux_wait_for "Your provider publishes these settings"
ok $? "the wizard says where the setting comes from"
grep -q "GET autoconfig.example.test /mail/config-v1.1.xml?emailaddress=anna%40example.test" "$log"
ok $? "the file is asked for with the address, over HTTPS"
tmux_send Enter
tmux_wait_for "Enter = 1"
ok $? "TLS from the start is the suggested encryption"
tmux_send Enter
tmux_wait_for "Port: 10993"
ok $? "the provider's port is filled in"
tmux_send Enter
tmux_wait_for "User name: anna"
ok $? "and its user name (the local part of the address)"
leave

# --- the well-known path on the domain itself, POP3 with STARTTLS ----------
walk bert@well.test p
tmux_wait_for "POP3 server: pop.well.test" 20
ok $? "DOMAIN/.well-known/autoconfig names the POP3 server"
tmux_send Enter
tmux_wait_for "Enter = 2"
ok $? "STARTTLS is suggested because the file says so"
tmux_send Enter
tmux_wait_for "Port: 10110"
ok $? "with the file's port"
leave

# --- RFC 6186 SRV records ----------------------------------------------------
walk carl@srv.test i
tmux_wait_for "IMAP server: imap.srv.test" 20
ok $? "SRV: '.' for imaps means not offered; _imap's best record is taken"
tmux_wait_for "Found in your domain's DNS records."
ok $? "the wizard says it comes from DNS"
tmux_send Enter
tmux_wait_for "Enter = 2"
ok $? "_imap means STARTTLS"
tmux_send Enter
tmux_wait_for "Port: 1143"
ok $? "the record's port (lowest priority, highest weight)"
leave

walk dora@srv.test p
tmux_wait_for "POP3 server: pop.elsewhere.test" 20
ok $? "SRV for POP3 over TLS"
tmux_wait_for "not part of srv.test"
ok $? "a server outside the address's domain is pointed out"
leave

# --- the usual names, where DNS knows them -----------------------------------
walk emil@guess.test i
tmux_wait_for "IMAP server: mail.guess.test" 20
ok $? "mail.DOMAIN exists in DNS: suggested"
tmux_wait_for "A server of this name exists"
ok $? "and called a good guess, not a confirmation"
leave

# --- hostile answers ---------------------------------------------------------
walk fritz@badcert.test i
tmux_wait_for "IMAP server: imap.badcert.test" 20
ok $? "an autoconfig host whose certificate is for other names is not believed"
grep -q "GET autoconfig.badcert.test" "$log"
ok $((!$?)) "the request never reached that server (TLS failed first)"
tmux_wait_for "This is a guess"
ok $? "what is left is called a guess"
leave

walk hans@evil.test p
tmux_wait_for "POP3 server: pop.evil.test" 20
ok $? "an escape sequence in an autoconfig host name: not taken"
screen=$(tmux_ capture-pane -t t -p -e)
case $screen in *pwned*|*touch*) ok 1 "nothing of the hostile file reaches the screen" ;;
*) ok 0 "nothing of the hostile file reaches the screen" ;; esac
leave
walk hans@evil.test i
tmux_wait_for "IMAP server: imap.evil.test" 20
ok $? "shell characters in the file and an escape in the SRV target: not taken"
leave
[ ! -e /tmp/pwned ]
ok $? "nothing was run"

# --- a DNS that never answers ------------------------------------------------
walk gert@slow.test i
tmux_wait_for "Looking for your provider's servers" 10
ok $? "the lookup is shown while DNS is silent"
tmux_send Escape
tmux_wait_for "IMAP server: imap.slow.test" 3
ok $? "Esc skips it at once and the guess is offered"
leave

grep -q "^DNS 33 _imaps._tcp.srv.test" "$log" && grep -q "^DNS 33 _imap._tcp.srv.test" "$log"
ok $? "the SRV questions of RFC 6186 were asked, implicit TLS first"
done_testing
