# A NixOS configuration that sets every option of the module (tests/module-eval.nix checks what
# it makes; ../check.sh's step 5 gives the stagehand.conf it renders to stagehand itself).
{
  boot.initrd.systemd.enable = true;
  boot.swraid = {
    enable = true;
    # two arrays, one named in [MD:...] by its name=, one by its device
    mdadmConf = ''
      MAILADDR root
      ARRAY /dev/md/root metadata=1.2 UUID=0a0a0a0a:00000000:00000000:0000000a name=myhost:root
      ARRAY /dev/md/data metadata=1.2 UUID=0b0b0b0b:00000000:00000000:0000000b name=myhost:data
    '';
  };
  boot.initrd.services.lvm.enable = true;
  boot.initrd.stagehand = {
    enable = true;
    rootWait.budget = "2min";
    md = {
      degraded = "auto";
      timeout = 30;
      arrays."myhost:root" = { degraded = "ask"; timeout = "1min 30s"; };
      arrays."/dev/md/data".degraded = "never";
    };
    lvm = {
      degraded = "never";
      timeout = "1min";
      volumeGroups.vg0 = { degraded = "auto"; timeout = "45s"; };
    };
    hooks.optional = [ "nixos/postDeviceCommands" "local-top/foo" ];
    compat = {
      preDeviceCommands = "modprobe -q zfs || true";
      preLVMCommands = "echo before LVM";
      postDeviceCommands = "zpool import -N -a";
      postResumeCommands = "zfs rollback -r rpool/local/root@blank";
      postMountCommands = "echo mounted";
      preFailCommands = "echo the boot failed >&2";
    };
  };
}
