package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/** A node of the storage graph: something that must exist, be activated or be mounted. */
public sealed interface StorageNode
        permits MountPoint,
                SwapArea,
                TargetRequirement,
                CryptVolume,
                MdArray,
                LvmVolume,
                LvmGroup,
                ImageFile,
                NetworkRoot,
                EarlyCheck {
    /** The input it was made from. */
    Origin origin();
}
