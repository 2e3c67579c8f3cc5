package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectors of systemd 257's test-fstab-util.c (test_fstab_filter_options). */
class FstabOptionsTest {
    @ParameterizedTest(name = "[{index}] {0} / {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            emptyValue = "",
            value = {
                // opts | names (space separated) | found | found with values | name | value | values (:) | filtered
                "opt=0|opt x-opt|1|1|opt|0|0|",
                "opt=0|x-opt opt|1|1|opt|0|0|",
                "opt|opt x-opt|1|0|opt|NULL||",
                "opt|x-opt opt|1|0|opt|NULL||",
                "x-opt|x-opt opt|1|0|x-opt|NULL||",
                "opt=0,other|opt x-opt|1|1|opt|0|0|other",
                "opt=0,other|x-opt opt|1|1|opt|0|0|other",
                "opt,other|opt x-opt|1|0|opt|NULL||other",
                "opt,other|x-opt opt|1|0|opt|NULL||other",
                "x-opt,other|opt x-opt|1|0|x-opt|NULL||other",
                "opt=0\\,1,other|opt x-opt|1|1|opt|0,1|0,1|other",
                "opt=0,other,x-opt\\,foobar|x-opt opt|1|1|opt|0|0|other,x-opt\\,foobar",
                "opt,other,x-opt\\,part|opt x-opt|1|0|opt|NULL||other,x-opt\\,part",
                "opt,other,part\\,x-opt|x-opt opt|1|0|opt|NULL||other,part\\,x-opt",
                "opt,other\\,\\,\\,opt,x-part|opt x-opt|1|0|opt|NULL||other\\,\\,\\,opt,x-part",
                "opto=0,other|opt x-opt|0|0|NULL|NULL||opto=0,other",
                "opto,other|opt x-opt|0|0|NULL|NULL||opto,other",
                "x-opto,other|opt x-opt|0|0|NULL|NULL||x-opto,other",
                "first,opt=0|opt x-opt|1|1|opt|0|0|first",
                "first=1,opt=0|opt x-opt|1|1|opt|0|0|first=1",
                "first,opt=|opt x-opt|1|1|opt|''|''|first",
                "first=1,opt|opt x-opt|1|0|opt|NULL||first=1",
                "first=1,x-opt|opt x-opt|1|0|x-opt|NULL||first=1",
                "first,opt=0,last=1|opt x-opt|1|1|opt|0|0|first,last=1",
                "first=1,opt=0,last=2|x-opt opt|1|1|opt|0|0|first=1,last=2",
                "first,opt,last|opt|1|0|opt|NULL||first,last",
                "first=1,opt,last|x-opt opt|1|0|opt|NULL||first=1,last",
                "first=,opt,last|opt noopt|1|0|opt|NULL||first=,last",
                "first,opt=0,noopt=1,last=1|opt noopt|1|1|noopt|1|0:1|first,last=1",
                "first=1,opt=0,last=2,opt=1|opt|1|1|opt|1|0:1|first=1,last=2",
                "x-opt=0,x-opt=1|opt x-opt|1|1|x-opt|1|0:1|",
                "opt=0,x-opt=1|opt x-opt|1|1|x-opt|1|0:1|",
                "opt=0,opt=1,opt=,opt=,opt=2|opt noopt|1|1|opt|2|0:1:::2|",
                "opt=0;|opt|1|1|opt|0;|0;|",
                "opt;=0|x-opt opt noopt x-noopt|0|0|NULL|NULL||opt;=0",
                "opt;|opt x-opt|0|0|NULL|NULL||opt;",
                "'opt=0 '|opt|1|1|opt|'0 '|'0 '|",
                "opt =0|x-opt opt noopt x-noopt|0|0|NULL|NULL||opt =0",
                "' opt '|opt x-opt|0|0|NULL|NULL||' opt '",
                "opt=x,,,,|opt|1|1|opt|x|x|",
                ",,,opt=x,,,,|opt|1|1|opt|x|x|",
                "opt1=\\\\,opt2=\\xff|opt1|1|1|opt1|\\|\\|opt2=\\xff",
                "opt1=\\\\,opt2=\\xff|opt2|1|1|opt2|\\xff|\\xff|opt1=\\",
            })
    void filterOptions(
            String opts,
            String names,
            int found,
            int foundWithValues,
            String name,
            String value,
            String values,
            String filtered) {
        String[] n = names.split(" ");
        FstabOptions.Filtered last = FstabOptions.filter(opts, false, n);
        assertThat(last.found()).isEqualTo(found == 1);
        assertThat(last.nameFound()).isEqualTo(name);
        assertThat(last.value()).isEqualTo(value);
        assertThat(last.rest()).isEqualTo(filtered == null ? "" : filtered);

        FstabOptions.Filtered all = FstabOptions.filter(opts, true, n);
        assertThat(all.found()).isEqualTo(foundWithValues == 1);
        assertThat(String.join(":", all.values())).isEqualTo(values == null ? "" : values);

        assertThat(FstabOptions.lastFound(opts, n)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "noauto,auto|false",
                "auto,noauto|true",
                "noauto|true",
                "defaults|false",
                "noauto=1|true",
                "x-noauto|false"
            })
    void yesNoTakesTheLastOfThePair(String opts, boolean expected) {
        assertThat(FstabOptions.yesNo(opts, "noauto", "auto")).isEqualTo(expected);
    }
}
