#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# a11y-tree.py: what a screen reader finds in one process, read over AT-SPI
# (GTK 4.8 does not export the accessible names it computes in-process).
#
#   a11y-tree.py PID [--skip TITLE]...
#       every node of the process's windows as JSON, but for what is inside
#       the windows named TITLE:
#       {"nodes": [{"path": [i, j, …], "role": …, "name": …}, …]}
#   a11y-tree.py PID --activate ROLE NAME
#       runs the first action of the first node with that role and name, as
#       a screen reader's user does: {"done": true}
#
# The tree is read through the calls libatspi makes for each node (its Name
# and ChildCount properties, GetRole, GetChildAtIndex), all sent at once. With
# PACTA_A11Y_WALK=1 it is walked through pyatspi instead, one call after the
# other, as Orca's libatspi does: the same result, several times slower.
# (GTK 4.8's org.a11y.atspi.Cache.GetItems lists only the objects a client
# has already asked for, so it is not the whole tree.)
#
# Run by tests/test-a11y.c while the test process iterates its main loop, so
# that it can answer; the buses come from tests/a11y-session.sh.
import json
import os
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

MAX_DEPTH = 60


def bus_call(conn, name, path, interface, method, args=None):
    return conn.call_sync(name, path, interface, method, args, None, Gio.DBusCallFlags.NONE, 10000, None).unpack()


def find_bus_name(conn, pid):
    """The application's unique name on the accessibility bus, or None."""
    bus = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
    for name in bus_call(conn, *bus, "ListNames")[0]:
        try:
            if name.startswith(":") and \
               bus_call(conn, *bus, "GetConnectionUnixProcessID", GLib.Variant("(s)", (name,)))[0] == pid:
                return name
        except GLib.Error:
            continue
    return None


def read_tree(pid, skip):
    """Every node under the application's root, or None if it is not on the bus.

    The calls a reader makes for each node are all sent at once rather than
    one after the other: the application answers them in turn, without
    waiting on this process. (GetChildren would be fewer calls, but GTK 4.8
    leaves out of it what GetChildAtIndex and readers see, such as stack
    pages.)"""
    address = os.environ["AT_SPI_BUS_ADDRESS"]
    flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
    conn = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
    bus = find_bus_name(conn, pid)
    if bus is None:
        return None
    loop = GLib.MainLoop()
    nodes = []
    pending = [0]

    def call(path, interface, method, args, reply_type, done):
        def on_reply(source, result):
            try:
                done(source.call_finish(result).unpack())
            except GLib.Error:
                pass  # gone while being read: the test waits for a settled tree
            pending[0] -= 1
            if pending[0] == 0:
                loop.quit()

        pending[0] += 1
        conn.call(bus, path, interface, method, args, GLib.VariantType(reply_type), Gio.DBusCallFlags.NONE,
                  10000, None, on_reply)

    def visit(path, at):
        node = {"path": at, "role": "", "name": ""}
        nodes.append(node)

        def on_name(reply):
            node["name"] = reply[0]
            if len(at) == 1:
                # A window: what is inside is read once its name is known
                call(path, "org.a11y.atspi.Accessible", "GetRole", None, "(u)", on_role)
                if node["name"] not in skip:
                    call(path, *get, GLib.Variant("(ss)", ("org.a11y.atspi.Accessible", "ChildCount")), "(v)",
                         on_child_count)

        def on_role(reply):
            node["role"] = Atspi.role_get_name(Atspi.Role(reply[0]))

        def on_child(i):
            return lambda reply: visit(reply[0][1], at + [i])

        def on_child_count(reply):
            if len(at) < MAX_DEPTH:
                for i in range(reply[0]):
                    call(path, "org.a11y.atspi.Accessible", "GetChildAtIndex", GLib.Variant("(i)", (i,)),
                         "((so))", on_child(i))

        call(path, *get, GLib.Variant("(ss)", ("org.a11y.atspi.Accessible", "Name")), "(v)", on_name)
        if len(at) != 1:
            call(path, "org.a11y.atspi.Accessible", "GetRole", None, "(u)", on_role)
            call(path, *get, GLib.Variant("(ss)", ("org.a11y.atspi.Accessible", "ChildCount")), "(v)",
                 on_child_count)

    get = ("org.freedesktop.DBus.Properties", "Get")
    visit("/org/a11y/atspi/accessible/root", [])
    loop.run()
    nodes.sort(key=lambda node: node["path"])
    return nodes


def find_application(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except GLib.Error:
            continue
    return None


def walk(node, path, out, skip):
    if node is None or len(path) > MAX_DEPTH:
        return
    try:
        role, name, n_children = node.get_role_name(), node.get_name() or "", node.get_child_count()
    except GLib.Error:
        return  # gone while being read: the test waits for a settled tree
    out.append({"path": path, "role": role, "name": name})
    if len(path) == 1 and name in skip:
        return
    for i in range(n_children):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        walk(child, path + [i], out, skip)


def find_node(node, role, name, depth=0):
    if node is None or depth > MAX_DEPTH:
        return None
    try:
        if node.get_role_name() == role and node.get_name() == name:
            return node
        n_children = node.get_child_count()
    except GLib.Error:
        return None
    for i in range(n_children):
        try:
            found = find_node(node.get_child_at_index(i), role, name, depth + 1)
        except GLib.Error:
            continue
        if found is not None:
            return found
    return None


def activate(pid, role, name):
    app = find_application(pid)
    if app is None:
        return {"done": False, "error": f"process {pid} is not on the accessibility bus"}
    node = find_node(app, role, name)
    if node is None:
        return {"done": False, "error": f"no {role} named {name!r}"}
    action = node.get_action_iface()
    if action is None or action.get_n_actions() < 1:
        return {"done": False, "error": f"{role} {name!r} has no action"}
    return {"done": bool(action.do_action(0)), "action": action.get_action_name(0)}


def main(argv):
    if len(argv) < 2 or (len(argv) > 2 and argv[2] == "--activate" and len(argv) != 5):
        print("usage: a11y-tree.py PID [--skip TITLE]... | PID --activate ROLE NAME", file=sys.stderr)
        return 2
    pid = int(argv[1])
    if len(argv) > 2 and argv[2] == "--activate":
        json.dump(activate(pid, argv[3], argv[4]), sys.stdout, ensure_ascii=False)
        return 0
    skip = {argv[i + 1] for i in range(2, len(argv) - 1, 2) if argv[i] == "--skip"}
    if os.environ.get("PACTA_A11Y_WALK") == "1":
        app = find_application(pid)
        nodes = [] if app is not None else None
        if app is not None:
            walk(app, [], nodes, skip)
    else:
        nodes = read_tree(pid, skip)
    if nodes is None:
        print(f"a11y-tree.py: process {pid} is not on the accessibility bus", file=sys.stderr)
        return 1
    json.dump({"nodes": nodes}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
