"""A TCP proxy that delays every chunk by a fixed one-way latency in each direction, so a loopback endpoint behaves
like one a network round trip away (connection set-up, TLS handshake and request each pay it).
Usage: latency_proxy.py LISTEN_PORT_FILE TARGET_PORT ONE_WAY_MS; prints nothing, writes its port to the file."""
import asyncio, sys, time

target_port, delay = int(sys.argv[2]), int(sys.argv[3]) / 1000


async def pump(reader, writer):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            await asyncio.sleep(max(0, due - time.monotonic()))
            if data is None:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    while True:
        data = await reader.read(65536)
        await queue.put((time.monotonic() + delay, data or None))
        if not data:
            break
    await sender


async def handle(client_reader, client_writer):
    await asyncio.sleep(delay)  # the SYN's trip; the SYN-ACK's trip is the first delayed chunk's
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pump(client_reader, server_writer), pump(server_reader, client_writer),
                         return_exceptions=True)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    await server.serve_forever()


asyncio.run(main())
