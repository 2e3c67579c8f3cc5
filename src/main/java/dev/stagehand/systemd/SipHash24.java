package dev.stagehand.systemd;

/** SipHash-2-4 (64-bit output), as systemd's siphash24.c; used for hashed long unit names. */
public final class SipHash24 {
    private SipHash24() {}

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xffL);
        return v;
    }

    public static long hash(byte[] in, byte[] key) {
        long k0 = le64(key, 0), k1 = le64(key, 8);
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int n = in.length, end = n - (n % 8);
        for (int i = 0; i < end; i += 8) {
            long m = le64(in, i);
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                long[] v = round(v0, v1, v2, v3);
                v0 = v[0];
                v1 = v[1];
                v2 = v[2];
                v3 = v[3];
            }
            v0 ^= m;
        }
        long b = ((long) n) << 56;
        for (int i = n % 8 - 1; i >= 0; i--) b |= (in[end + i] & 0xffL) << (8 * i);
        v3 ^= b;
        for (int r = 0; r < 2; r++) {
            long[] v = round(v0, v1, v2, v3);
            v0 = v[0];
            v1 = v[1];
            v2 = v[2];
            v3 = v[3];
        }
        v0 ^= b;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            long[] v = round(v0, v1, v2, v3);
            v0 = v[0];
            v1 = v[1];
            v2 = v[2];
            v3 = v[3];
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long[] round(long v0, long v1, long v2, long v3) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
        return new long[] {v0, v1, v2, v3};
    }
}
