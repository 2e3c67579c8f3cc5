# stagehand.conf with every option of the module set, for check.sh's step 5 (read by stagehand)
(import ../lib.nix).renderConfig {
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
}
