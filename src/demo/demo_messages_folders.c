/* demo_messages_folders.c - the demo subfolders' messages as raw text. */

/* Same conventions as demo_messages.c. */
#include "demo/demo_messages.h"

#include <stddef.h>

/* Anna's answer to the Grillfest invitation: plain subject, 8bit UTF-8 body. */
static const char *const sent_grill[] = {
	"From: Anna Berger <anna@example.org>\n"
	"To: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen.mueller@example.net>\n"
	"Cc: =?UTF-8?B?U8O2cmVuIEvDtmhsZXI=?= <soeren.koehler@example.com>,\n"
	" =?UTF-8?Q?Maren_Wei=C3=9F?= <maren.weiss@example.com>\n"
	"Subject: Re: Grillfest am Samstag\n"
	"Date: Tue, 13 Oct 2026 08:15:03 +0200\n"
	"Message-ID: <6b0e9d3a-2f41-4e8c-b5a7-91c3d4e5f607@example.org>\n"
	"In-Reply-To: <20261012170411.GA4711@example.net>\n"
	"References: <20261012170411.GA4711@example.net>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: 8bit\n"
	"\n"
	"Hallo J\303\274rgen,\n"
	"\n"
	"danke f\303\274r die Einladung, wir kommen gern! Ich bringe Kartoffelsalat\n"
	"mit, den ohne Mayonnaise, und Paul backt einen Apfelkuchen.\n"
	"\n"
	"> Kinder sind nat\303\274rlich willkommen, und f\303\274r\n"
	"> sp\303\244ter liegt genug Holz f\303\274r die Feuerschale bereit.\n"
	"\n"
	"Dann packe ich noch Stockbrotteig ein, die Kinder werden sich freuen.\n"
	"\n"
	"Liebe Gr\303\274\303\237e\n"
	"Anna\n",
	NULL
};

/* Anna's side of the English thread. */
static const char *const sent_lumen[] = {
	"From: Anna Berger <anna@example.org>\n"
	"To: Priya Natarajan <priya.natarajan@lumen.example>\n"
	"Cc: Tom Becker <tom.becker@lumen.example>\n"
	"Subject: Re: Release checklist for Lumen 2.3\n"
	"Date: Mon, 02 Nov 2026 11:30:08 +0100\n"
	"Message-ID: <b2d4f6a8-1c3e-4a5b-9d7f-0e2c4a6b8d01@example.org>\n"
	"In-Reply-To: <CAK7v2xP0q9R8mZt3Lw5@mail.lumen.example>\n"
	"References: <CAK7v2xP0q9R8mZt3Lw5@mail.lumen.example>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"Content-Transfer-Encoding: 7bit\n"
	"\n"
	"Hi Priya,\n"
	"\n"
	"On Mon, 2 Nov 2026 at 10:12, Priya Natarajan wrote:\n"
	"> Anna, would you do 3 and look over the announcement draft once I have\n"
	"> it?\n"
	"\n"
	"Yes, both. The changelog and the upgrade notes will be ready by\n"
	"Wednesday noon, and I will put a short warning about the renamed\n"
	"cache key at the very top of the upgrade notes.\n"
	"\n"
	"Anna\n",
	NULL
};

/* Answer to a message in Familie. */
static const char *const sent_xmas[] = {
	"From: Anna Berger <anna@example.org>\n"
	"To: Gisela Berger <gisela.berger@example.net>\n"
	"Subject: Re: Weihnachten bei uns?\n"
	"Date: Sun, 08 Nov 2026 10:47:26 +0100\n"
	"Message-ID: <e8f9a0b1-c2d3-4e5f-a6b7-c8d9e0f1a2b3@example.org>\n"
	"In-Reply-To: <7d3e5f1a-9b2c-4d6e-8f0a-1b2c3d4e5f60@example.net>\n"
	"References: <7d3e5f1a-9b2c-4d6e-8f0a-1b2c3d4e5f60@example.net>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Liebe Mama,\n"
	"\n"
	"> Wollt ihr Weihnachten dieses Jahr zu uns kommen?\n"
	"\n"
	"sehr gern! Wir kommen am 23. abends und bleiben bis zum 26. Die Kinder\n"
	"fragen jetzt schon, ob Opa wieder die Eisenbahn aufbaut.\n"
	"\n"
	"Pl=C3=A4tzchen bringen wir mit, Mia hat schon angefangen zu backen.\n"
	"\n"
	"Liebe Gr=C3=BC=C3=9Fe\n"
	"Anna\n",
	NULL
};

/* An unfinished reply (D). */
static const char *const draft_halle[] = {
	"From: Anna Berger <anna@example.org>\n"
	"To: Klaus Fischer <k.fischer@tsv-lindenau.example>\n"
	"Subject: Re: Hallenzeiten im Winter\n"
	"Date: Sun, 01 Nov 2026 10:02:00 +0100\n"
	"Message-ID: <0f1e2d3c-b4a5-4697-8877-66554433aa21@example.org>\n"
	"In-Reply-To: <5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b@tsv-lindenau.example>\n"
	"References: <5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b@tsv-lindenau.example>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hallo Klaus,\n"
	"\n"
	"f=C3=BCr die Weihnachtsfeier am 11. Dezember kann ich Waffelteig f=C3=\n"
	"=BCr etwa\n"
	"zwanzig Waffeln mitbringen. Ein zweites Waffeleisen h=C3=A4tte ich auch,\n",
	NULL
};

/* Advertising that went where it belongs. */
static const char *const trash_deals[] = {
	"Return-Path: <bounce@mega-deals.example>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mx1.mega-deals.example (mx1.mega-deals.example [203.0.113.250])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id BED0547936\n"
	"\tfor <anna@example.org>; Sat, 24 Oct 2026 06:12:43 +0200 (CEST)\n"
	"From: Mega Deals <angebote@mega-deals.example>\n"
	"To: anna@example.org\n"
	"Subject: Letzte Chance: 70 % Rabatt auf alles!\n"
	"Date: Sat, 24 Oct 2026 06:12:40 +0200\n"
	"Message-ID: <md.20261024041240.99812@mega-deals.example>\n"
	"Precedence: bulk\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"Content-Transfer-Encoding: 7bit\n"
	"\n"
	"NUR NOCH HEUTE: 70 % Rabatt auf das gesamte Sortiment!\n"
	"\n"
	"Jetzt zuschlagen: https://mega-deals.example/sale\n"
	"\n"
	"Sie erhalten diese E-Mail, weil Sie sich irgendwann einmal irgendwo\n"
	"angemeldet haben. Abmelden: https://mega-deals.example/abmelden\n",
	NULL
};

/* Automated English summary. */
static const char *const trash_summary[] = {
	"Return-Path: <no-reply@cloudnote.example>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mail.cloudnote.example (mail.cloudnote.example [192.0.2.201])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id D5780DCD67\n"
	"\tfor <anna@example.org>; Mon, 09 Nov 2026 09:00:06 +0100 (CET)\n"
	"From: Cloudnote <no-reply@cloudnote.example>\n"
	"To: anna@example.org\n"
	"Subject: Your weekly activity summary\n"
	"Date: Mon, 09 Nov 2026 08:00:00 +0000\n"
	"Message-ID: <weekly.2026-45.a81f@cloudnote.example>\n"
	"Auto-Submitted: auto-generated\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"Content-Transfer-Encoding: 7bit\n"
	"\n"
	"Hi Anna,\n"
	"\n"
	"here is what happened in your notebooks last week:\n"
	"\n"
	"  Notes created        4\n"
	"  Notes edited        11\n"
	"  Shared with you      1 (\"Christmas presents 2026\")\n"
	"\n"
	"Open Cloudnote: https://cloudnote.example/app\n"
	"\n"
	"You can change how often we send this summary in your settings.\n",
	NULL
};

/* Chinese: B encoded sender and subject, 8bit UTF-8 body. */
static const char *const archive_wang[] = {
	"Return-Path: <wang.fang@example.net>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from smtp.example.net (smtp.example.net [198.51.100.188])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 4EFB4BE8B4\n"
	"\tfor <anna@example.org>; Tue, 06 Oct 2026 03:15:52 +0200 (CEST)\n"
	"From: =?UTF-8?B?546L6Iqz?= <wang.fang@example.net>\n"
	"To: Anna Berger <anna@example.org>\n"
	"Subject: =?UTF-8?B?5YWz5LqO5LiL5ZGo5p2l6K6/55qE5a6J5o6S?=\n"
	"Date: Tue, 06 Oct 2026 09:15:00 +0800\n"
	"Message-ID: <tencent_5A2B7C9D1E3F@example.net>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=\"utf-8\"\n"
	"Content-Transfer-Encoding: 8bit\n"
	"\n"
	"\345\256\211\345\250\234\357\274\214\344\275\240\345\245\275\357\274\201\n"
	"\n"
	"\344\270\213\345\221\250\344\272\214\346\210\221\344\273\254\345\233\242\351\230\237\344\270\200\350\241\214\344\270\211\344\272\272\345\210\260\346\237\217\346\236\227\346\213\234\350\256\277\357\274\214\351\235\236\345\270\270\346\234\237\345\276\205\344\270\216\344\275\240\350\247\201\351\235\242\343\200\202\n"
	"\n"
	"\350\241\214\347\250\213\345\256\211\346\216\222\345\246\202\344\270\213\357\274\232\n"
	"- 10\346\234\21013\346\227\245\357\274\210\345\221\250\344\272\214\357\274\211\344\270\212\345\215\210\357\274\232\345\217\202\350\247\202\345\212\236\345\205\254\345\256\244\357\274\214\344\273\213\347\273\215\351\241\271\347\233\256\350\277\233\345\261\225\n"
	"- 10\346\234\21013\346\227\245\357\274\210\345\221\250\344\272\214\357\274\211\344\270\213\345\215\210\357\274\232\350\256\250\350\256\272\346\230\216\345\271\264\347\232\204\345\220\210\344\275\234\350\256\241\345\210\222\n"
	"- 10\346\234\21014\346\227\245\357\274\210\345\221\250\344\270\211\357\274\211\357\274\232\350\207\252\347\224\261\346\264\273\345\212\250\357\274\214\346\231\232\344\270\212\344\270\200\350\265\267\345\220\203\351\245\255\n"
	"\n"
	"\345\246\202\346\236\234\346\227\266\351\227\264\344\270\212\346\234\211\344\273\273\344\275\225\351\227\256\351\242\230\357\274\214\350\257\267\345\221\212\350\257\211\346\210\221\343\200\202\n"
	"\n"
	"\347\245\235\345\245\275\357\274\201\n"
	"\347\216\213\350\212\263\n",
	NULL
};

/* German letter from the landlord's office, kept for the records. */
static const char *const archive_rent[] = {
	"Return-Path: <verwaltung@sonnenhof.example>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mail.sonnenhof.example (mail.sonnenhof.example [198.51.100.99])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id C3DF25B3E4\n"
	"\tfor <anna@example.org>; Thu, 01 Oct 2026 14:27:14 +0200 (CEST)\n"
	"From: Hausverwaltung Sonnenhof <verwaltung@sonnenhof.example>\n"
	"To: Anna Berger <anna@example.org>\n"
	"Subject: Nebenkostenabrechnung 2025\n"
	"Date: Thu, 01 Oct 2026 14:26:51 +0200\n"
	"Message-ID: <NK2025-0417.20261001142651@sonnenhof.example>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Sehr geehrte Frau Berger,\n"
	"\n"
	"die Nebenkostenabrechnung f=C3=BCr 2025 liegt vor. F=C3=BCr Ihre Wohnung\n"
	"(Lindenstra=C3=9Fe 14, 2. OG links) ergibt sich ein Guthaben von 86,40 =\n"
	"EUR,\n"
	"das wir Ihnen in den n=C3=A4chsten Tagen =C3=BCberweisen.\n"
	"\n"
	"Die monatliche Vorauszahlung bleibt unver=C3=A4ndert bei 210,00 EUR. Die\n"
	"ausf=C3=BChrliche Abrechnung erhalten Sie zus=C3=A4tzlich per Post.\n"
	"\n"
	"Mit freundlichen Gr=C3=BC=C3=9Fen\n"
	"Hausverwaltung Sonnenhof\n",
	NULL
};

/* An English receipt, the kind of mail people archive. */
static const char *const archive_receipt[] = {
	"Return-Path: <billing@cloudhost.example>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mail.cloudhost.example (mail.cloudhost.example [192.0.2.222])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id C35F5DE455\n"
	"\tfor <anna@example.org>; Sun, 01 Nov 2026 00:58:10 +0100 (CET)\n"
	"From: Cloudhost Billing <billing@cloudhost.example>\n"
	"To: anna@example.org\n"
	"Subject: Receipt for your October 2026 invoice\n"
	"Date: Sat, 31 Oct 2026 23:58:02 +0000\n"
	"Message-ID: <receipt.INV-2026-10-55817@cloudhost.example>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=us-ascii\n"
	"Content-Transfer-Encoding: 7bit\n"
	"\n"
	"Thank you for your payment.\n"
	"\n"
	"  Invoice     INV-2026-10-55817\n"
	"  Period      1-31 October 2026\n"
	"  Plan        Small VPS (2 vCPU, 4 GB RAM)\n"
	"  Amount      EUR 7.14 (incl. VAT)\n"
	"  Paid with   card ending in 4242\n"
	"\n"
	"You can download the invoice as PDF from your account:\n"
	"https://cloudhost.example/account/invoices\n",
	NULL
};

/* Starts the list thread; TUI tests look for its subject and the CI line. */
static const char *const list_release[] = {
	"Return-Path: <bote-dev-bounces@lists.example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from lists.example.org (lists.example.org [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 9420E24621\n"
	"\tfor <anna@example.org>; Sun, 15 Nov 2026 20:14:42 +0100 (CET)\n"
	"From: Lena Hoffmann <lena@bote.example>\n"
	"To: bote-dev@lists.example.org\n"
	"Subject: Release 0.1 geplant\n"
	"Date: Sun, 15 Nov 2026 20:14:33 +0100\n"
	"Message-ID: <87ik3r2m1x.fsf@bote.example>\n"
	"List-Id: bote development <bote-dev.lists.example.org>\n"
	"List-Post: <mailto:bote-dev@lists.example.org>\n"
	"List-Archive: <https://lists.example.org/archive/bote-dev/>\n"
	"List-Unsubscribe: <mailto:bote-dev-leave@lists.example.org>\n"
	"Precedence: list\n"
	"Sender: \"bote-dev\" <bote-dev-bounces@lists.example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hallo zusammen,\n"
	"\n"
	"ich m=C3=B6chte Anfang Dezember die erste Version von bote ver=C3=B6ffe=\n"
	"ntlichen:\n"
	"Release 0.1. IMAP und Maildir funktionieren, POP3 holt zuverl=C3=A4ssig=\n"
	" ab,\n"
	"und die Demo (bote --demo) zeigt, was der Client kann.\n"
	"\n"
	"Die Testsuite l=C3=A4uft jetzt in CI.\n"
	"\n"
	"Damit sehen wir bei jedem Merge, ob noch alles geht. Was noch fehlt:\n"
	"\n"
	"- die Manpages f=C3=BCr bote(1) und bote.conf(5) durchsehen,\n"
	"- die deutsche =C3=9Cbersetzung vervollst=C3=A4ndigen,\n"
	"- ein paar Tage Alltagstest mit echten Postf=C3=A4chern.\n"
	"\n"
	"Wenn ihr noch etwas f=C3=BCr 0.1 habt, das unbedingt hinein muss, schre=\n"
	"ibt\n"
	"es bitte bis Freitag hier auf die Liste.\n"
	"\n"
	"Viele Gr=C3=BC=C3=9Fe\n"
	"Lena\n",
	NULL
};

/* English answer on a German list. */
static const char *const list_marek[] = {
	"Return-Path: <bote-dev-bounces@lists.example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from lists.example.org (lists.example.org [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 24E5D733B0\n"
	"\tfor <anna@example.org>; Mon, 16 Nov 2026 09:02:26 +0100 (CET)\n"
	"From: Marek Nowak <marek@nowak.example>\n"
	"To: bote-dev@lists.example.org\n"
	"Subject: Re: Release 0.1 geplant\n"
	"Date: Mon, 16 Nov 2026 09:02:17 +0100\n"
	"Message-ID: <CAM2nW0x7hKp3Rz@mail.nowak.example>\n"
	"In-Reply-To: <87ik3r2m1x.fsf@bote.example>\n"
	"References: <87ik3r2m1x.fsf@bote.example>\n"
	"List-Id: bote development <bote-dev.lists.example.org>\n"
	"List-Post: <mailto:bote-dev@lists.example.org>\n"
	"List-Archive: <https://lists.example.org/archive/bote-dev/>\n"
	"List-Unsubscribe: <mailto:bote-dev-leave@lists.example.org>\n"
	"Precedence: list\n"
	"Sender: \"bote-dev\" <bote-dev-bounces@lists.example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"On Sun, 15 Nov 2026 at 20:14, Lena Hoffmann wrote:\n"
	"> Wenn ihr noch etwas f=C3=BCr 0.1 habt, das unbedingt hinein muss, sch=\n"
	"reibt\n"
	"> es bitte bis Freitag hier auf die Liste.\n"
	"\n"
	"Sorry for answering in English, my German is still slow to write.\n"
	"\n"
	"I would really like the fix for the flag order in Maildir file names\n"
	"in 0.1 (the patch from last week). Without it, bote and other clients\n"
	"on a shared spool keep renaming a file between \":2,SF\" and \":2,FS\".\n"
	"\n"
	"Otherwise: great news, looking forward to it!\n"
	"\n"
	"Marek\n",
	NULL
};

/* Unread (new/) answer one level deeper. */
static const char *const list_lena[] = {
	"Return-Path: <bote-dev-bounces@lists.example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from lists.example.org (lists.example.org [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 2BDCFD8068\n"
	"\tfor <anna@example.org>; Mon, 16 Nov 2026 12:41:00 +0100 (CET)\n"
	"From: Lena Hoffmann <lena@bote.example>\n"
	"To: bote-dev@lists.example.org\n"
	"Subject: Re: Release 0.1 geplant\n"
	"Date: Mon, 16 Nov 2026 12:40:51 +0100\n"
	"Message-ID: <87ecz8q0lt.fsf@bote.example>\n"
	"In-Reply-To: <CAM2nW0x7hKp3Rz@mail.nowak.example>\n"
	"References: <87ik3r2m1x.fsf@bote.example>\n"
	" <CAM2nW0x7hKp3Rz@mail.nowak.example>\n"
	"List-Id: bote development <bote-dev.lists.example.org>\n"
	"List-Post: <mailto:bote-dev@lists.example.org>\n"
	"List-Archive: <https://lists.example.org/archive/bote-dev/>\n"
	"List-Unsubscribe: <mailto:bote-dev-leave@lists.example.org>\n"
	"Precedence: list\n"
	"Sender: \"bote-dev\" <bote-dev-bounces@lists.example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hallo Marek,\n"
	"\n"
	"Marek Nowak <marek@nowak.example> writes:\n"
	"> I would really like the fix for the flag order in Maildir file names\n"
	"> in 0.1 (the patch from last week).\n"
	"\n"
	"Gute Idee, der Patch ist klein und hat Tests. Ich merge ihn heute\n"
	"Abend. (And English is perfectly fine here!)\n"
	"\n"
	"Lena\n",
	NULL
};

/* Second branch of the thread, unread. */
static const char *const list_jonas[] = {
	"Return-Path: <bote-dev-bounces@lists.example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from lists.example.org (lists.example.org [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 5781690615\n"
	"\tfor <anna@example.org>; Tue, 17 Nov 2026 08:11:14 +0100 (CET)\n"
	"From: Jonas Schreiber <jonas.schreiber@example.com>\n"
	"To: bote-dev@lists.example.org\n"
	"Subject: Re: Release 0.1 geplant\n"
	"Date: Tue, 17 Nov 2026 08:11:05 +0100\n"
	"Message-ID: <a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d@example.com>\n"
	"In-Reply-To: <87ik3r2m1x.fsf@bote.example>\n"
	"References: <87ik3r2m1x.fsf@bote.example>\n"
	"List-Id: bote development <bote-dev.lists.example.org>\n"
	"List-Post: <mailto:bote-dev@lists.example.org>\n"
	"List-Archive: <https://lists.example.org/archive/bote-dev/>\n"
	"List-Unsubscribe: <mailto:bote-dev-leave@lists.example.org>\n"
	"Precedence: list\n"
	"Sender: \"bote-dev\" <bote-dev-bounces@lists.example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Moin,\n"
	"\n"
	"Lena Hoffmann schrieb am 15.11.2026 um 20:14:\n"
	"> - die deutsche =C3=9Cbersetzung vervollst=C3=A4ndigen,\n"
	"\n"
	"Die =C3=9Cbersetzung =C3=BCbernehme ich. Es fehlen noch etwa 60 Meldung=\n"
	"en,\n"
	"haupts=C3=A4chlich aus dem Einrichtungsassistenten. Bis Mittwoch n=C3=\n"
	"=A4chster\n"
	"Woche sollte das fertig sein.\n"
	"\n"
	"Jonas\n",
	NULL
};

/* A separate bug report with a Q encoded subject; unread in cur/. */
static const char *const list_crash[] = {
	"Return-Path: <bote-dev-bounces@lists.example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from lists.example.org (lists.example.org [192.0.2.25])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id 5017ADDF64\n"
	"\tfor <anna@example.org>; Wed, 18 Nov 2026 22:47:48 +0100 (CET)\n"
	"From: Kim Yilmaz <kim@yilmaz.example>\n"
	"To: bote-dev@lists.example.org\n"
	"Subject: =?UTF-8?Q?Absturz_beim_=C3=96ffnen_eines_leeren_Ordners?=\n"
	"Date: Wed, 18 Nov 2026 22:47:39 +0100\n"
	"Message-ID: <20261118214739.kim.4f2e@yilmaz.example>\n"
	"List-Id: bote development <bote-dev.lists.example.org>\n"
	"List-Post: <mailto:bote-dev@lists.example.org>\n"
	"List-Archive: <https://lists.example.org/archive/bote-dev/>\n"
	"List-Unsubscribe: <mailto:bote-dev-leave@lists.example.org>\n"
	"Precedence: list\n"
	"Sender: \"bote-dev\" <bote-dev-bounces@lists.example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hallo,\n"
	"\n"
	"mit dem aktuellen Stand aus Git st=C3=BCrzt bote bei mir ab, wenn ich e=\n"
	"inen\n"
	"Maildir-Ordner =C3=B6ffne, in dem es kein tmp/ gibt (cur/ und new/ sind\n"
	"leer). So l=C3=A4sst es sich nachstellen:\n"
	"\n"
	"  $ mkdir -p /tmp/leer/cur /tmp/leer/new\n"
	"  $ bote -f /tmp/leer\n"
	"  Speicherzugriffsfehler\n"
	"\n"
	"Mit tmp/ passiert es nicht. Ich h=C3=A4nge gern einen Backtrace an, wenn\n"
	"mir jemand sagt, wie ich bote mit Debug-Symbolen baue.\n"
	"\n"
	"Kim\n",
	NULL
};

/* Mother's question; Anna's answer is in Sent. */
static const char *const family_xmas[] = {
	"Return-Path: <gisela.berger@example.net>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mail.example.net (mail.example.net [198.51.100.23])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id A3D3D21198\n"
	"\tfor <anna@example.org>; Thu, 05 Nov 2026 20:03:34 +0100 (CET)\n"
	"From: Gisela Berger <gisela.berger@example.net>\n"
	"To: Anna Berger <anna@example.org>\n"
	"Subject: Weihnachten bei uns?\n"
	"Date: Thu, 05 Nov 2026 20:03:11 +0100\n"
	"Message-ID: <7d3e5f1a-9b2c-4d6e-8f0a-1b2c3d4e5f60@example.net>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hallo Anna,\n"
	"\n"
	"Papa und ich haben =C3=BCberlegt: Wollt ihr Weihnachten dieses Jahr zu =\n"
	"uns\n"
	"kommen? Felix und Jana kommen am 24. mittags, und es w=C3=A4re sch=C3=\n"
	"=B6n, wenn\n"
	"wir alle zusammen w=C3=A4ren. Platz zum Schlafen haben wir genug, das\n"
	"G=C3=A4stezimmer ist frisch gestrichen.\n"
	"\n"
	"Sag mir einfach Bescheid, wenn ihr wisst, wie ihr plant. Ich will\n"
	"rechtzeitig die Gans bestellen.\n"
	"\n"
	"Liebe Gr=C3=BC=C3=9Fe, auch an Paul und die Kinder\n"
	"Mama\n",
	NULL
};

/* Short family mail with a link and an encoded subject. */
static const char *const family_photos[] = {
	"Return-Path: <felix.berger@example.com>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from smtp.example.com (smtp.example.com [203.0.113.58])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id F906ADF5A4\n"
	"\tfor <anna@example.org>; Sun, 01 Nov 2026 18:20:23 +0100 (CET)\n"
	"From: Felix Berger <felix.berger@example.com>\n"
	"To: Anna Berger <anna@example.org>\n"
	"Subject: =?UTF-8?Q?Fotos_vom_K=C3=BCrbisfest?=\n"
	"Date: Sun, 01 Nov 2026 18:20:00 +0100\n"
	"Message-ID: <3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f@example.com>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=UTF-8; format=flowed\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Hi Schwesterherz,\n"
	"\n"
	"die Fotos vom K=C3=BCrbisfest sind jetzt im Familienalbum:\n"
	"https://fotos.example.com/album/kuerbisfest-2026\n"
	"\n"
	"Das beste ist Nr. 17: Mia mit dem Riesenk=C3=BCrbis, der fast so gro=C3=\n"
	"=9F ist\n"
	"wie sie. Das drucken wir f=C3=BCr Oma aus.\n"
	"\n"
	"Gr=C3=BC=C3=9Fe\n"
	"Felix\n",
	NULL
};

/* Unread, with To and Cc. */
static const char *const family_oma[] = {
	"Return-Path: <ute.lange@example.org>\n"
	"Delivered-To: anna@example.org\n"
	"Received: from mail.example.org (mail.example.org [192.0.2.12])\n"
	"\tby mx.example.org (Postfix) with ESMTPS id D94CC53911\n"
	"\tfor <anna@example.org>; Mon, 16 Nov 2026 13:31:08 +0100 (CET)\n"
	"From: Ute Lange <ute.lange@example.org>\n"
	"To: Anna Berger <anna@example.org>,\n"
	" Felix Berger <felix.berger@example.com>\n"
	"Cc: Gisela Berger <gisela.berger@example.net>\n"
	"Subject: =?UTF-8?Q?Omas_80=2E_Geburtstag?=\n"
	"Date: Mon, 16 Nov 2026 13:30:45 +0100\n"
	"Message-ID: <b7c8d9e0-f1a2-4b3c-9d4e-5f6a7b8c9d0e@example.org>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: text/plain; charset=utf-8\n"
	"Content-Transfer-Encoding: quoted-printable\n"
	"\n"
	"Liebe Anna, lieber Felix,\n"
	"\n"
	"Oma wird am 9. Januar 80, und wir m=C3=B6chten sie mit einem Fest\n"
	"=C3=BCberraschen. Die Idee: Sonntag, 10. Januar, Mittagessen im Gasthof\n"
	"zur Linde, danach Kaffee und Kuchen bei Gisela.\n"
	"\n"
	"K=C3=B6nnt ihr beide? Und hat jemand Lust, ein Fotobuch aus alten Bilde=\n"
	"rn\n"
	"zusammenzustellen? Ich habe einen Karton voller Abz=C3=BCge, die ich\n"
	"einscannen k=C3=B6nnte.\n"
	"\n"
	"Bitte noch nichts zu Oma sagen!\n"
	"\n"
	"Herzliche Gr=C3=BC=C3=9Fe\n"
	"Ute\n",
	NULL
};

const struct demo_message demo_messages_folders[] = {
	{ ".Sent", "S", 1791872103, sent_grill },	/* 2026-10-13 */
	{ ".Sent", "S", 1793615408, sent_lumen },	/* 2026-11-02 */
	{ ".Sent", "S", 1794131246, sent_xmas },	/* 2026-11-08 */
	{ ".Drafts", "DS", 1793523720, draft_halle },	/* 2026-11-01 */
	{ ".Trash", "S", 1792815160, trash_deals },	/* 2026-10-24 */
	{ ".Trash", "S", 1794211200, trash_summary },	/* 2026-11-09 */
	{ ".Archive", "RS", 1791249300, archive_wang },	/* 2026-10-06 */
	{ ".Archive", "S", 1790857611, archive_rent },	/* 2026-10-01 */
	{ ".Archive", "S", 1793491082, archive_receipt },	/* 2026-10-31 */
	{ ".Listen.bote-dev", "S", 1794770073, list_release },	/* 2026-11-15 */
	{ ".Listen.bote-dev", "S", 1794816137, list_marek },	/* 2026-11-16 */
	{ ".Listen.bote-dev", NULL, 1794829251, list_lena },	/* 2026-11-16 */
	{ ".Listen.bote-dev", NULL, 1794899465, list_jonas },	/* 2026-11-17 */
	{ ".Listen.bote-dev", "", 1795038459, list_crash },	/* 2026-11-18 */
	{ ".Familie", "RS", 1793905391, family_xmas },	/* 2026-11-05 */
	{ ".Familie", "S", 1793553600, family_photos },	/* 2026-11-01 */
	{ ".Familie", NULL, 1794832245, family_oma },	/* 2026-11-16 */
};
const size_t demo_messages_folders_len =
    sizeof demo_messages_folders / sizeof demo_messages_folders[0];
