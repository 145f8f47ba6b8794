import { useI18n } from "../i18n/I18n";

const en = {
  people: "People",
  openPeople: "Browse everyone on this server",
  closePeople: "Close people",
  searchPeople: "Search people by name",
  noPeople: "Nobody matches.",
  morePeople: "Show more",
  bot: "bot",
  guest: "guest",
  online: "online",
  offline: "offline",
  message: "Message",
  // The people picker.
  addPeople: "Add people by name",
  chosenPeople: "Chosen people",
  suggestions: "People matching the name",
  remove: (name: string) => `Remove ${name}`,
  newDirect: "New direct message",
  // The profile's picture.
  picture: "Profile picture",
  choosePicture: "Choose a picture",
  pictureHint: "PNG, JPEG, GIF or WebP, up to 5 MB. Choose the square to keep.",
  zoom: "Zoom",
  acrossPosition: "Left to right",
  downPosition: "Top to bottom",
  savePicture: "Save picture",
  removePicture: "Remove picture",
  pictureSaved: "Picture saved.",
  // Changing the password.
  changePassword: "Change password",
  currentPassword: "Current password",
  passwordChanged: "Password changed. Your other sessions have been logged out.",
};

export type PeopleText = typeof en;

const zhCN: PeopleText = {
  people: "人员",
  openPeople: "浏览服务器上的所有人",
  closePeople: "关闭人员列表",
  searchPeople: "按名称搜索人员",
  noPeople: "没有匹配的人。",
  morePeople: "显示更多",
  bot: "机器人",
  guest: "访客",
  online: "在线",
  offline: "离线",
  message: "发消息",
  addPeople: "按名称添加人员",
  chosenPeople: "已选择的人员",
  suggestions: "名称匹配的人员",
  remove: (name) => `移除 ${name}`,
  newDirect: "新建私信",
  picture: "头像",
  choosePicture: "选择图片",
  pictureHint: "PNG、JPEG、GIF 或 WebP，最大 5 MB。请选择要保留的方形区域。",
  zoom: "缩放",
  acrossPosition: "左右位置",
  downPosition: "上下位置",
  savePicture: "保存头像",
  removePicture: "移除头像",
  pictureSaved: "头像已保存。",
  changePassword: "修改密码",
  currentPassword: "当前密码",
  passwordChanged: "密码已修改，你的其他会话均已退出。",
};

const texts = { en, "zh-CN": zhCN } as const;

export function usePeopleText(): PeopleText {
  return texts[useI18n().locale];
}
