#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# smtp-server.py: the tests' SMTP server (aiosmtpd), started by
# tests/pacta-mail-servers.c: listeners on 127.0.0.1, one with implicit TLS,
# one with STARTTLS required and one without TLS (for PACTA_MAIL_SECURITY_NONE,
# which Pacta allows to a loopback address only), all requiring AUTH PLAIN
# or LOGIN with the test user's password.
#
# Each message taken is written to SPOOL/NNNNNN.msg (atomically: a hidden
# temporary file, then a rename), numbered in order of arrival:
#   FROM <envelope sender>\n
#   TO <recipient>\n            (one line per recipient)
#   \n
#   <the data as received, dot-unstuffed, CRLF line ends>
#
# Faults are read from SPOOL/faults at each RCPT TO and after each DATA, so
# the C side changes them by replacing that file (never written here):
#   refuse ADDRESS      RCPT TO ADDRESS gets 550 (any number of lines)
#   defer GEN COUNT     the next COUNT messages get 451 after their data
#   drop GEN COUNT      the connection is cut after the next COUNT messages'
#                       data, unanswered, and the message is not kept
#   hold GEN NTH        the NTH message from now (1: the next) is kept, then
#                       its answer held until "release" comes on standard
#                       input; SPOOL/NNNNNN.held exists meanwhile (also gone
#                       when the client goes first)
# GEN changes whenever the C side sets a new count, which starts counting
# again; a deferral is checked before a drop, a drop before a hold (a
# deferred or dropped message does not count towards NTH).
#
# Prints "READY <implicit TLS port> <STARTTLS port> <plain port>" once all
# listen, and exits when its standard input closes (the test process went
# away); reads "release" lines there meanwhile.
# Exit status 77 with "MISSING aiosmtpd" when aiosmtpd is not installed.

import argparse
import asyncio
import logging
import os
import ssl
import sys
import threading

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    print("MISSING aiosmtpd", flush=True)
    sys.exit(77)


class Spool:
    def __init__(self, folder):
        self.folder = folder
        self.serial = 0
        # kind -> (generation, how many used)
        self.used = {}

    def faults(self):
        refused = set()
        counts = {}
        try:
            with open(os.path.join(self.folder, "faults"), encoding="utf-8") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            words = line.split(" ")
            if words[0] == "refuse" and len(words) == 2:
                refused.add(words[1].lower())
            elif words[0] in ("defer", "drop", "hold") and len(words) == 3:
                counts[words[0]] = (words[1], int(words[2]))
        return refused, counts

    def take(self, kind, counts):
        """True when a fault of @kind applies to this message (and uses it)"""
        generation, count = counts.get(kind, ("", 0))
        used_generation, used = self.used.get(kind, ("", 0))
        if used_generation != generation:
            used = 0
        if used >= count:
            return False
        self.used[kind] = (generation, used + 1)
        return True

    def nth(self, kind, counts):
        """True when this message is the NTH since @kind's count was set"""
        generation, nth = counts.get(kind, ("", 0))
        seen_generation, seen = self.used.get(kind, ("", 0))
        if seen_generation != generation:
            seen = 0
        self.used[kind] = (generation, seen + 1)
        return seen + 1 == nth

    def keep(self, envelope):
        self.serial += 1
        name = "%06d.msg" % self.serial
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        head = "FROM %s\n" % (envelope.mail_from or "")
        head += "".join("TO %s\n" % rcpt for rcpt in envelope.rcpt_tos)
        head += "\n"
        with open(temporary, "wb") as f:
            f.write(head.encode("utf-8", "surrogateescape"))
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(temporary, os.path.join(self.folder, name))
        return self.serial


class Handler:
    def __init__(self, spool):
        self.spool = spool
        self.released = asyncio.Event()

    def release(self):
        """Answers every message held (an event per round of holds)"""
        self.released.set()
        self.released = asyncio.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused, _ = self.spool.faults()
        if address.lower() in refused:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        _, counts = self.spool.faults()
        if self.spool.take("defer", counts):
            return "451 4.3.0 Try again later"
        if self.spool.take("drop", counts):
            # Cut at once, unanswered; connection_lost() then cancels this
            # coroutine, which waits until it does
            raw = server._original_transport
            server.transport.abort()
            if raw is not None:
                raw.abort()
            await asyncio.get_running_loop().create_future()
        serial = self.spool.keep(envelope)
        if self.spool.nth("hold", counts):
            marker = os.path.join(self.spool.folder, "%06d.held" % serial)
            released = self.released
            open(marker, "wb").close()
            try:
                # Also ends (cancelled) when the client goes away
                await released.wait()
            finally:
                os.unlink(marker)
        return "250 2.0.0 OK: queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spool", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    # aiosmtpd's own log (a deprecation warning at each login) would only be noise
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    user = args.user.encode("utf-8")
    password = args.password.encode("utf-8")

    def authenticator(server, session, envelope, mechanism, auth_data):
        good = (isinstance(auth_data, LoginPassword)
                and auth_data.login == user and auth_data.password == password)
        # handled=False: aiosmtpd answers a failure with its own 535 line
        return AuthResult(success=good, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    handler = Handler(Spool(args.spool))

    def without_starttls():
        smtp = SMTP(handler, hostname="localhost", auth_required=True,
                    authenticator=authenticator)
        # AUTH without STARTTLS: the whole connection is TLS (aiosmtpd only
        # knows of STARTTLS), or the plain listener, which is meant to be plain
        smtp._auth_require_tls = False
        return smtp

    def starttls():
        return SMTP(handler, hostname="localhost", tls_context=context,
                    require_starttls=True, auth_required=True,
                    authenticator=authenticator)

    async def serve():
        loop = asyncio.get_running_loop()
        tls_server = await loop.create_server(without_starttls, "127.0.0.1", 0, ssl=context)
        starttls_server = await loop.create_server(starttls, "127.0.0.1", 0)
        plain_server = await loop.create_server(without_starttls, "127.0.0.1", 0)
        done = loop.create_future()

        def read_commands():
            # "release" lines until standard input closes
            while True:
                line = sys.stdin.buffer.readline()
                if not line:
                    break
                if line.strip() == b"release":
                    loop.call_soon_threadsafe(handler.release)
            loop.call_soon_threadsafe(done.set_result, None)

        threading.Thread(target=read_commands, daemon=True).start()
        ports = [server.sockets[0].getsockname()[1]
                 for server in (tls_server, starttls_server, plain_server)]
        print("READY %d %d %d" % tuple(ports), flush=True)
        await done

    asyncio.run(serve())


if __name__ == "__main__":
    main()
