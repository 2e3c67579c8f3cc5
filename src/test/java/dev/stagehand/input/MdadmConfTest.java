package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import org.junit.jupiter.api.Test;

class MdadmConfTest {
    @Test
    void arrayLinesWithContinuationsQuotesCommentsAndKeywordPrefixes() {
        Log log = Log.silent();
        MdadmConf.Conf c = MdadmConf.parse("""
                # mdadm.conf written by mdadm --detail --scan
                HOMEHOST <system>
                DEV partitions
                arr /dev/md/root metadata=1.2 name=host:root
                   UUID=1b1b1b1b:2c2c2c2c:3D3D3D3D:4e4e4e4e  # the root array
                ARRAY /dev/md0 level=raid1 num-devices=2 spares=1 uuid=5a5a5a5a-5a5a-5a5a-5a5a-5a5a5a5a5a5a devices="/dev/vd*"
                MAILADDR root
                """, "/etc/mdadm.conf", log);
        assertThat(log.messages()).isEmpty();
        assertThat(c.homehost()).isEqualTo("<system>");
        assertThat(c.arrays()).hasSize(2);
        MdadmConf.Array root = c.arrays().get(0);
        assertThat(root.devname()).isEqualTo("/dev/md/root");
        assertThat(root.uuid()).isEqualTo("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e");
        assertThat(root.name()).isEqualTo("host:root");
        assertThat(root.origin().toString()).isEqualTo("/etc/mdadm.conf:4");
        MdadmConf.Array md0 = c.arrays().get(1);
        assertThat(md0.level()).isEqualTo("raid1");
        assertThat(md0.raidDisks()).isEqualTo(2);
        assertThat(md0.spares()).isEqualTo(1);
        assertThat(md0.devices()).isEqualTo("/dev/vd*");
    }

    @Test
    void badLinesAreReportedWithTheirLineAndSkipped() {
        Log log = Log.silent();
        MdadmConf.Conf c = MdadmConf.parse("""
                AR /dev/md0 uuid=1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e
                ARRAY /dev/md1 uuid=xyz
                ARRAY /dev/md2 level=raid1
                FROBNICATE yes
                ARRAY /dev/md3 name=a bogus=1 uuid=1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4f
                """, "f", log);
        assertThat(c.arrays()).extracting(MdadmConf.Array::devname).containsExactly("/dev/md3");
        assertThat(log.messages())
                .extracting(d -> d.origin().toString())
                .containsExactly("f:1", "f:2", "f:2", "f:3", "f:4", "f:5");
    }

    @Test
    void uuidsAsMdadmParsesThem() {
        assertThat(MdadmConf.uuid("1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e")).isEqualTo("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e");
        assertThat(MdadmConf.uuid("1B1B1B1B-2C2C-2C2C-3D3D.3D3D 4E4E4E4E"))
                .isEqualTo("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e");
        assertThat(MdadmConf.uuid("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4")).isNull();
        assertThat(MdadmConf.uuid("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e0")).isNull();
        assertThat(MdadmConf.uuid("1b1b1b1b/2c2c2c2c3d3d3d3d4e4e4e4e")).isNull();
        assertThat(MdadmConf.mdUuid("1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e"))
                .isEqualTo("1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e");
    }
}
