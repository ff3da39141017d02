using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>
/// The receiving half of a WebSocket client (RFC 6455) over a plain TCP socket, for <see cref="WatchersRun"/>: 10,000
/// watchers stand for 10,000 browsers on other machines, yet run on the API's own two cores, and every microsecond
/// they spend per message is taken from the API and added to the lag they measure. <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// over <see cref="System.Net.Http.SocketsHttpHandler"/> cost about 22 µs of CPU per message here, most of it in its
/// layers and their garbage; this reads frames straight from the socket into one buffer per connection, several
/// frames per read when they arrived together.
/// <para>
/// What it does: the opening handshake (checking <c>Sec-WebSocket-Accept</c>), unmasked server frames of any length
/// up to <see cref="MaxMessageBytes"/>, fragmented messages, pings (answered with a masked pong), pongs (ignored) and
/// the close frame (the end). What it does not: TLS (<c>ws://</c> only), extensions, sending data frames.
/// </para>
/// </summary>
internal sealed class LeanWebSocket : IDisposable
{
    private const int MaxMessageBytes = 1 << 20;
    private const int MaxHandshakeBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly Socket _socket;
    private byte[] _buffer;
    private int _start;
    private int _end;

    // The message being assembled from fragments (rare: the API sends every message as one frame).
    private byte[]? _fragments;
    private int _fragmentLength;
    private bool _messageInFragments;

    // Where the payload of the message returned last lies in _buffer (unless it was assembled from fragments).
    private int _messageStart;
    private int _messageLength;

    private LeanWebSocket(Socket socket, int bufferBytes)
    {
        _socket = socket;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>The payload of the message <see cref="ReceiveAsync"/> returned last (valid until the next call).</summary>
    public ReadOnlySpan<byte> Message => _messageInFragments ? _fragments.AsSpan(0, _fragmentLength) : _buffer.AsSpan(_messageStart, _messageLength);

    /// <summary>Connects to a <c>ws://</c> <paramref name="uri"/> and completes the opening handshake.</summary>
    public static async Task<LeanWebSocket> ConnectAsync(Uri uri, int bufferBytes, CancellationToken cancellationToken)
    {
        if (uri.Scheme != "ws")
        {
            throw new ArgumentException($"the lean WebSocket client speaks ws:// only, not {uri.Scheme}://");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var webSocket = new LeanWebSocket(socket, bufferBytes);
        try
        {
            await socket.ConnectAsync(
                IPAddress.TryParse(uri.Host, out var address) ? new IPEndPoint(address, uri.Port) : new DnsEndPoint(uri.Host, uri.Port),
                cancellationToken);
            await webSocket.HandshakeAsync(uri, cancellationToken);
            return webSocket;
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next data message (its payload in <see cref="Message"/>): true, or false when the server closed the
    /// WebSocket (a close frame). Throws <see cref="IOException"/> when the connection ends without one.
    /// </summary>
    public async ValueTask<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_messageInFragments)
        {
            _fragments = null;
            _fragmentLength = 0;
            _messageInFragments = false;
        }

        while (true)
        {
            while (TryReadFrame(out var final, out var opcode, out var payloadStart, out var payloadLength))
            {
                switch (opcode)
                {
                    case 0x8: // close
                        return false;
                    case 0x9: // ping: answer at once, with the same payload
                        await SendPongAsync(_buffer.AsMemory(payloadStart, payloadLength), cancellationToken);
                        continue;
                    case 0xA: // pong
                        continue;
                    case 0x1 or 0x2 when final && _fragments is null: // a whole message in one frame, read in place
                        _messageStart = payloadStart;
                        _messageLength = payloadLength;
                        return true;
                    case 0x1 or 0x2 when _fragments is null: // the first of a message's fragments
                    case 0x0 when _fragments is not null: // a continuation
                        Append(_buffer.AsSpan(payloadStart, payloadLength));
                        if (final)
                        {
                            _messageInFragments = true;
                            return true;
                        }

                        continue;
                    case 0x0 or 0x1 or 0x2:
                        throw new IOException("the server broke a message's fragments");
                    default:
                        throw new IOException($"the server sent a frame with the unknown opcode {opcode}");
                }
            }

            await FillAsync(cancellationToken);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task HandshakeAsync(Uri uri, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = Encoding.ASCII.GetBytes(
            $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        for (var sent = 0; sent < request.Length;)
        {
            sent += await _socket.SendAsync(request.AsMemory(sent), SocketFlags.None, cancellationToken);
        }

        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end >= MaxHandshakeBytes)
            {
                throw new IOException("the server's handshake answer is too long");
            }

            await FillAsync(cancellationToken);
        }

        var lines = Encoding.ASCII.GetString(_buffer, 0, headerEnd).Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101 ", StringComparison.Ordinal))
        {
            throw new IOException($"the server refused the WebSocket: {lines[0]}");
        }

#pragma warning disable CA5350 // RFC 6455 defines the accept value as SHA-1 of the key; it is a checksum here, not security
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        var accept = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(header => header.Length == 2 && header[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))?[1]
            .Trim();
        if (accept != expected)
        {
            throw new IOException("the server's Sec-WebSocket-Accept does not match the key");
        }

        _start = headerEnd + 4; // frames that came with the answer stay in the buffer
    }

    /// <summary>One whole frame at <see cref="_start"/> (consumed), or false when more bytes are needed.</summary>
    private bool TryReadFrame(out bool final, out int opcode, out int payloadStart, out int payloadLength)
    {
        (final, opcode, payloadStart, payloadLength) = (false, 0, 0, 0);
        var available = _buffer.AsSpan(_start, _end - _start);
        if (available.Length < 2)
        {
            return false;
        }

        if ((available[1] & 0x80) != 0)
        {
            throw new IOException("the server masked a frame");
        }

        long length = available[1] & 0x7F;
        var header = 2;
        if (length == 126)
        {
            header = 4;
            if (available.Length < header)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(available[2..]);
        }
        else if (length == 127)
        {
            header = 10;
            if (available.Length < header)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(available[2..]);
        }

        if (length > MaxMessageBytes)
        {
            throw new IOException($"the server sent a frame of {length} bytes");
        }

        if (available.Length < header + length)
        {
            if (header + length > _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Max(_buffer.Length * 2, header + length));
            }

            return false;
        }

        final = (available[0] & 0x80) != 0;
        opcode = available[0] & 0x0F;
        payloadStart = _start + header;
        payloadLength = (int)length;
        _start = payloadStart + payloadLength;
        return true;
    }

    /// <summary>Reads what the socket has (at least one byte) after the unread bytes, moved to the buffer's start first.</summary>
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new IOException("the server ended the connection without a close frame");
        }

        _end += read;
    }

    private void Append(ReadOnlySpan<byte> payload)
    {
        _fragments ??= new byte[Math.Max(256, payload.Length)];
        if (_fragmentLength + payload.Length > MaxMessageBytes)
        {
            throw new IOException("the server sent a message over 1 MB");
        }

        if (_fragmentLength + payload.Length > _fragments.Length)
        {
            Array.Resize(ref _fragments, Math.Max(_fragments.Length * 2, _fragmentLength + payload.Length));
        }

        payload.CopyTo(_fragments.AsSpan(_fragmentLength));
        _fragmentLength += payload.Length;
    }

    /// <summary>A pong frame, masked as every client frame must be (a ping's payload is at most 125 bytes).</summary>
    private async ValueTask SendPongAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x8A;
        frame[1] = (byte)(0x80 | payload.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload.Span[i] ^ frame[2 + (i % 4)]);
        }

        for (var sent = 0; sent < frame.Length;)
        {
            sent += await _socket.SendAsync(frame.AsMemory(sent), SocketFlags.None, cancellationToken);
        }
    }
}
