# Values that must be refused: each case's `value` must fail to evaluate with a `throw` whose
# text contains `message`. ../check.sh evaluates every case on its own:
#   nix-instantiate --eval --strict tests/refusals.nix -A <case>.value     (must fail)
# and looks for `message` in what Nix prints. Hostile values (a newline, "]", a control
# character) never reach stagehand.conf: the whole evaluation stops instead. (A function only
# because check.sh passes every test file the nixpkgs lib; lib.nix needs none.)
{ ... }:
let
  l = import ../lib.nix;
  conf = l.renderConfig;
  bell = builtins.fromJSON "\"9\\u0007s\""; # "9<BEL>s"
  case = value: message: { inherit value message; };
  longName = builtins.concatStringsSep "" (builtins.genList (_: "v") 128);
in
{
  # time spans
  budgetNewline = case (conf { rootWait.budget = "90s\nExecStart=/bin/evil"; })
    ''boot.initrd.stagehand.rootWait.budget = "90s\nExecStart=/bin/evil" contains a newline'';
  mdTimeoutNewSection = case (conf { md.timeout = "30s\n[RootWait]\nBudget=0"; })
    ''boot.initrd.stagehand.md.timeout = "30s\n[RootWait]\nBudget=0" contains a newline'';
  lvmTimeoutCarriageReturn = case (conf { lvm.timeout = "30s\r"; })
    ''boot.initrd.stagehand.lvm.timeout = "30s\r" contains a carriage return'';
  budgetControlChar = case (conf { rootWait.budget = bell; })
    "boot.initrd.stagehand.rootWait.budget = \"9\\u0007s\" contains a control character";
  budgetBracket = case (conf { rootWait.budget = "90s]"; })
    ''boot.initrd.stagehand.rootWait.budget = "90s]" is not a systemd time span'';
  budgetWord = case (conf { rootWait.budget = "soon"; })
    ''rootWait.budget = "soon" is not a systemd time span'';
  budgetNegative = case (conf { rootWait.budget = -1; })
    "rootWait.budget = -1 is negative";
  budgetEmpty = case (conf { rootWait.budget = ""; })
    ''rootWait.budget = "" is empty'';
  budgetBlanks = case (conf { rootWait.budget = " 90s"; })
    "has leading or trailing blanks";
  budgetFloat = case (conf { rootWait.budget = 1.5; })
    "rootWait.budget = 1.5 is of type float";
  mdTimeoutInfinity = case (conf { md.timeout = "infinity"; })
    ''boot.initrd.stagehand.md.timeout = "infinity" is not a finite time span'';
  lvmVgTimeoutInfinity = case (conf { lvm.volumeGroups.vg0.timeout = "infinity"; })
    ''boot.initrd.stagehand.lvm.volumeGroups."vg0".timeout = "infinity" is not a finite time span'';
  mdTimeoutZero = case (conf { md.timeout = 0; })
    "boot.initrd.stagehand.md.timeout = 0 is 0";
  lvmTimeoutZeroString = case (conf { lvm.timeout = "0 min"; })
    ''boot.initrd.stagehand.lvm.timeout = "0 min" is 0'';
  mdArrayTimeoutNewline = case (conf { md.arrays.root.timeout = "1s\n[Evil]"; })
    ''boot.initrd.stagehand.md.arrays."root".timeout = "1s\n[Evil]" contains a newline'';

  # policies
  mdDegradedUnknown = case (conf { md.degraded = "maybe"; })
    ''boot.initrd.stagehand.md.degraded = "maybe" is not one of auto, ask, never'';
  mdDegradedNewline = case (conf { md.degraded = "auto\n[Evil]"; })
    ''md.degraded = "auto\n[Evil]" is not one of auto, ask, never'';
  lvmDegradedAsk = case (conf { lvm.degraded = "ask"; })
    ''boot.initrd.stagehand.lvm.degraded = "ask" is not one of auto, never'';
  lvmVgDegradedUnknown = case (conf { lvm.volumeGroups.vg0.degraded = "sometimes"; })
    ''lvm.volumeGroups."vg0".degraded = "sometimes" is not one of auto, never'';

  # section names
  mdArrayCloseBracket = case (conf { md.arrays."root]x".degraded = "auto"; })
    ''boot.initrd.stagehand.md.arrays has an entry named "root]x", which contains "[" or "]"'';
  mdArrayOpenBracket = case (conf { md.arrays."[root".degraded = "auto"; })
    ''md.arrays has an entry named "[root", which contains "[" or "]"'';
  mdArrayNewline = case (conf { md.arrays."root]\n[RootWait".timeout = "1s"; })
    ''md.arrays has an entry named "root]\n[RootWait", which contains a newline'';
  mdArrayEmpty = case (conf { md.arrays."".timeout = "1s"; })
    ''md.arrays has an entry named "", which is empty'';
  mdArrayBlank = case (conf { md.arrays."my root".timeout = "1s"; })
    ''md.arrays has an entry named "my root", which is not an md array name or UUID'';
  lvmVgBracket = case (conf { lvm.volumeGroups."vg]".timeout = "1s"; })
    ''lvm.volumeGroups has an entry named "vg]", which contains "[" or "]"'';
  lvmVgColon = case (conf { lvm.volumeGroups."vg:0".timeout = "1s"; })
    "which is not an LVM volume group name";
  lvmVgDash = case (conf { lvm.volumeGroups."-vg".timeout = "1s"; })
    ''entry named "-vg", which starts with "-"'';
  lvmVgDotDot = case (conf { lvm.volumeGroups."..".timeout = "1s"; })
    ''entry named "..", which is not a volume group name LVM allows'';
  lvmVgTooLong = case (conf { lvm.volumeGroups.${longName}.timeout = "1s"; })
    "which is longer than 127 characters";

  # hook names
  hookWithBlank = case (conf { hooks.optional = [ "local-top/a local-top/b" ]; })
    ''boot.initrd.stagehand.hooks.optional[0] = "local-top/a local-top/b" contains a blank'';
  hookNewline = case (conf { hooks.optional = [ "nixos/x" "a\n[RootWait]" ]; })
    ''hooks.optional[1] = "a\n[RootWait]" contains a newline'';
  hookBracket = case (conf { hooks.optional = [ "local-top/x]" ]; })
    ''hooks.optional[0] = "local-top/x]" is not a hook name'';
  hookDotDot = case (conf { hooks.optional = [ "nixos/../x" ]; })
    ''hooks.optional[0] = "nixos/../x" has a . or .. part'';
  hooksNotList = case (conf { hooks.optional = "nixos/x"; })
    ''boot.initrd.stagehand.hooks.optional = "nixos/x" is not a list of hook names'';

  # hook scripts
  compatUnknown = case (l.hookFiles { shell = "/bin/sh"; commands.postBootCommands = "true"; })
    ''boot.initrd.stagehand.compat has no command "postBootCommands"'';
  compatNotString = case (l.hookFiles { shell = "/bin/sh"; commands.preDeviceCommands = 1; })
    "boot.initrd.stagehand.compat.preDeviceCommands is of type int, expected lines of shell commands";
  compatRelativeShell = case (l.hookFiles { shell = "sh"; commands.preDeviceCommands = "true"; })
    ''the hook interpreter "sh" is not an absolute path'';
  compatShellNewline = case (l.hookFiles { shell = "/bin/sh\nx"; commands.preDeviceCommands = "true"; })
    ''the hook interpreter "/bin/sh\nx" is not an absolute path'';
}
