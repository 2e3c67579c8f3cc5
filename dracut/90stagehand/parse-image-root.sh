#!/bin/sh
# dracut cmdline hook of the stagehand module: root=image:DEVICE:/PATH is mounted by the units
# stagehand-generator writes (docs/image-root.md); without this dracut-cmdline.sh stops the boot
# with "Don't know how to handle 'root=image:...'".
case "$root" in
    image:*) rootok=1 ;;
esac
