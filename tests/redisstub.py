"""A loopback Redis for failure tests: it hangs (accepts connections, reads commands, never
answers: a stuck server, a network black hole) or answers the few commands django-redis
sends, from a dict in memory. It counts what reached it, so a test can show that a call
was skipped without measuring time."""

import socket
import threading


class RedisStub:
    """Answers until `hang()`; `answer()` makes it answer again."""

    def __init__(self):
        self.hanging = False
        self.connections = 0
        self.commands = 0  # commands read, answered or not
        self.data: dict[bytes, bytes] = {}
        self._lock = threading.Lock()
        self._clients: list[socket.socket] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        threading.Thread(target=self._accept, daemon=True).start()

    def hang(self):
        """From now on read and never answer; the counts start again from zero."""
        with self._lock:
            self.hanging = True
            self.connections = self.commands = 0

    def answer(self):
        with self._lock:
            self.hanging = False

    def close(self):
        self._server.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
        self._server.close()
        with self._lock:
            for client in self._clients:
                client.close()

    # --- the server -----------------------------------------------------------------------

    def _accept(self):
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        reader = client.makefile("rb")
        try:
            while True:
                command = self._read_command(reader)
                if command is None:
                    return
                with self._lock:
                    self.commands += 1
                    if self.hanging:
                        continue
                    reply = self._answer(command)
                client.sendall(reply)
        except OSError:
            return

    @staticmethod
    def _read_command(reader):
        line = reader.readline()
        if not line.startswith(b"*"):
            return None
        parts = []
        for _ in range(int(line[1:])):
            size = int(reader.readline()[1:])
            parts.append(reader.read(size + 2)[:-2])
        return parts

    def _answer(self, command):
        name, args = command[0].upper(), command[1:]
        if name == b"HELLO":  # redis-py 8 speaks RESP3: its replies, a map and "_" for nil
            return b"%1\r\n$5\r\nproto\r\n:3\r\n"
        if name in (b"CLIENT", b"SELECT", b"PING"):
            return b"+OK\r\n" if name != b"PING" else b"+PONG\r\n"
        if name == b"GET":
            return bulk(self.data.get(args[0]))
        if name == b"MGET":
            return b"*%d\r\n" % len(args) + b"".join(bulk(self.data.get(k)) for k in args)
        if name == b"SET":
            options = [a.upper() for a in args[2:]]
            if b"NX" in options and args[0] in self.data:
                return b"_\r\n"
            self.data[args[0]] = args[1]  # expiry options are accepted and not kept
            return b"+OK\r\n"
        if name == b"DEL":
            found = sum(self.data.pop(k, None) is not None for k in args)
            return b":%d\r\n" % found
        if name == b"EXISTS":
            return b":%d\r\n" % sum(k in self.data for k in args)
        if name == b"EVAL" and b"INCRBY" in args[0]:  # django-redis's incr()
            key, delta = args[2], int(args[3])
            if key not in self.data:
                return b"_\r\n"
            self.data[key] = b"%d" % (int(self.data[key]) + delta)
            return b":%s\r\n" % self.data[key]
        if name == b"TTL":
            return b":-1\r\n" if args[0] in self.data else b":-2\r\n"
        if name == b"FLUSHDB":
            self.data.clear()
            return b"+OK\r\n"
        return b"-ERR unknown command '%s'\r\n" % name


def bulk(value):
    return b"_\r\n" if value is None else b"$%d\r\n%s\r\n" % (len(value), value)
